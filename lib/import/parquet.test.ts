// Parquet fixtures are written at run time with hyparquet-writer (never committed).
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { parquetWriteBuffer } from "hyparquet-writer";
import { prisma } from "@/lib/db";
import { sharedData } from "@/test-support/shared-data";
import { importBuffer } from "./index";

type PbRow = {
  id: string;
  generator: string;
  problem: string;
  steps: string[];
  final_answer_correct: boolean;
  label: number;
};

describe("parquet", () => {
  test("ProcessBench gsm8k as Parquet (steps as a list column, INT64 labels) imports like the JSON", async () => {
    const rows = (JSON.parse(readFileSync(sharedData("processbench", "gsm8k.json"), "utf8")) as PbRow[]).slice(0, 120);
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "id", data: rows.map((r) => r.id), type: "STRING" },
        { name: "generator", data: rows.map((r) => r.generator), type: "STRING" },
        { name: "problem", data: rows.map((r) => r.problem), type: "STRING" },
        { name: "steps", data: rows.map((r) => r.steps) },
        { name: "final_answer_correct", data: rows.map((r) => r.final_answer_correct), type: "BOOLEAN" },
        { name: "label", data: rows.map((r) => BigInt(r.label)), type: "INT64" },
      ],
      rowGroupSize: 50, // several row groups
    });
    const r = await importBuffer(new Uint8Array(buf), "gsm8k-test.parquet", { dataset: "pq" });
    expect(r).toMatchObject({ ok: true, format: "processbench", traces: 120, labels: 120 });
    const labels = await prisma.firstErrorLabel.findMany({
      where: { trace: { dataset: { name: "pq" } } },
      include: { trace: true },
    });
    const byId = new Map(rows.map((x) => [x.id, x]));
    for (const l of labels) {
      const row = byId.get(l.trace.externalId!)!;
      expect(l.step).toBe(row.label === -1 ? null : row.label + 1);
      expect(l.trace.text).toBe(row.steps.join("\n\n"));
    }
    const again = await importBuffer(new Uint8Array(buf), "renamed.parquet", { dataset: "pq" });
    expect(again).toMatchObject({ ok: true, traces: 0, alreadyImported: true });
  });

  test("MATH-500 problems as Parquet", async () => {
    const rows = readFileSync(sharedData("math500", "test.jsonl"), "utf8")
      .trim()
      .split("\n")
      .slice(0, 30)
      .map((l) => JSON.parse(l));
    const cols = ["problem", "solution", "answer", "subject", "unique_id"].map((name) => ({
      name,
      data: rows.map((r) => r[name]),
      type: "STRING" as const,
    }));
    const buf = parquetWriteBuffer({
      columnData: [...cols, { name: "level", data: rows.map((r) => r.level), type: "INT32" }],
    });
    const r = await importBuffer(new Uint8Array(buf), "math500.parquet", { dataset: "pq-problems" });
    expect(r).toMatchObject({ ok: true, format: "problems", problems: 30, traces: 0 });
  });

  test("a bad row names the parquet row and field; invalid UTF-8 is refused", async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "problem", data: ["p1", "p2", "p3"], type: "STRING" },
        { name: "answer", data: ["1", "2", "3"], type: "STRING" },
        { name: "incorrect_attempt", data: ["a\n\nb", "a", "c"], type: "STRING" },
        { name: "intervention", data: [null, null, { content: "x", location: 5 }] },
      ],
    });
    const r = await importBuffer(new Uint8Array(buf), "int.parquet", { dataset: "pq-bad" });
    expect(r).toMatchObject({ ok: false, errors: [{ file: "int.parquet", line: 3, field: "intervention.location" }] });

    const bytes = new Uint8Array([0x63, 0x61, 0x66, 0xe9]); // latin-1 "café"
    const bad = parquetWriteBuffer({
      columnData: [
        { name: "problem", data: [new TextEncoder().encode("fine"), bytes], type: "STRING" },
        { name: "answer", data: ["1", "2"], type: "STRING" },
      ],
    });
    const r2 = await importBuffer(new Uint8Array(bad), "latin1.parquet", { dataset: "pq-bad" });
    expect(r2).toMatchObject({
      ok: false,
      errors: [{ file: "latin1.parquet", line: 2, field: "problem", message: expect.stringContaining("UTF-8") }],
    });
    expect(await prisma.dataset.count({ where: { name: "pq-bad" } })).toBe(0);
  });

  test("a file that is not Parquet inside is refused with a message", async () => {
    const r = await importBuffer(new TextEncoder().encode("PAR1 not really"), "x.parquet", { dataset: "pq-bad" });
    expect(r).toMatchObject({
      ok: false,
      errors: [{ file: "x.parquet", message: expect.stringContaining("Parquet") }],
    });
  });
});
