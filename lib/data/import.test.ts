import { afterAll, describe, expect, test } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "@/lib/db";
import { sharedData } from "@/test-support/shared-data";
import { importBuffer, importFile } from "@/lib/import";

const dir = mkdtempSync(join(tmpdir(), "int-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const enc = (s: string) => new TextEncoder().encode(s);
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
const intRow = (i: number, extra: Record<string, unknown> = {}) => ({
  problem: `Problem ${i}: what is $${i}+1$?`,
  answer: String(i + 1),
  reference_solution: `$${i}+1=${i + 1}$.`,
  incorrect_attempt: `We add.\n\nSo $${i}+1=${i + 2}$.\n\n\\boxed{${i + 2}}`,
  ...extra,
});

async function counts(datasetName: string) {
  const ds = await prisma.dataset.findUnique({ where: { name: datasetName } });
  if (!ds) return null;
  const where = { datasetId: ds.id };
  return {
    problems: await prisma.problem.count({ where }),
    traces: await prisma.trace.count({ where }),
    labels: await prisma.firstErrorLabel.count({ where: { trace: where } }),
    interventions: await prisma.intervention.count({ where: { trace: where } }),
    imports: await prisma.importRecord.count({ where }),
  };
}

describe("processbench", () => {
  test("every label comes back 1-based in FirstErrorLabel; re-import adds nothing", async () => {
    const file = sharedData("processbench", "gsm8k.json");
    const rows = JSON.parse(readFileSync(file, "utf8")) as { id: string; steps: string[]; label: number; final_answer_correct: boolean }[];
    const r = await importFile(file, { dataset: "pb", format: "auto", actor: "tester" });
    expect(r).toMatchObject({ ok: true, format: "processbench", problems: 375, traces: 400, labels: 400, interventions: 0, alreadyImported: false });

    const traces = await prisma.trace.findMany({ where: { dataset: { name: "pb" } }, include: { labels: true } });
    const byId = new Map(traces.map((t) => [t.externalId, t]));
    for (const row of rows) {
      const t = byId.get(row.id)!;
      expect(t.text).toBe(row.steps.join("\n\n"));
      expect(t.stepCount).toBe(row.steps.length);
      expect(t.correct).toBe(row.final_answer_correct);
      expect(t.status).toBe("todo"); // imported labels are not human curation
      expect(t.labels).toHaveLength(1);
      expect(t.labels[0]).toMatchObject({ source: "imported", annotator: "processbench", step: row.label === -1 ? null : row.label + 1 });
    }
    const audit = await prisma.auditEvent.findFirst({ where: { action: "import", actor: "tester" } });
    expect(audit).toBeTruthy();

    const again = await importFile(file, { dataset: "pb", format: "auto" });
    expect(again).toMatchObject({ ok: true, problems: 0, traces: 0, labels: 0, interventions: 0, alreadyImported: true });
    expect(await counts("pb")).toEqual({ problems: 375, traces: 400, labels: 400, interventions: 0, imports: 1 });
  });

  test("math.json: every label 1-based, externalId kept", async () => {
    const file = sharedData("processbench", "math.json");
    const rows = JSON.parse(readFileSync(file, "utf8")) as { id: string; label: number }[];
    const r = await importFile(file, { dataset: "pb-math" });
    expect(r).toMatchObject({ ok: true, traces: 1000, labels: 1000 });
    const labels = await prisma.firstErrorLabel.findMany({ where: { trace: { dataset: { name: "pb-math" } } }, select: { step: true, trace: { select: { externalId: true } } } });
    const got = new Map(labels.map((l) => [l.trace.externalId, l.step]));
    expect(got.size).toBe(1000);
    for (const row of rows) expect(got.get(row.id)).toBe(row.label === -1 ? null : row.label + 1);
  });

  test("the with-references file adds no duplicate and fills the empty reference solutions", async () => {
    const r = await importFile(sharedData("processbench", "with-references.gsm8k-math.jsonl"), { dataset: "pb", format: "processbench" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.traces).toBe(657); // the 400 gsm8k traces are already there
    expect(r.skipped.traces).toBe(400);
    expect(r.problemsEnriched).toBeGreaterThan(300);
    const withoutRef = await prisma.problem.count({ where: { dataset: { name: "pb" }, referenceSolution: "" } });
    expect(withoutRef).toBe(0);
  });
});

describe("all or nothing", () => {
  test("a bad row at the end leaves the database unchanged and names file, line and field", async () => {
    const before = await prisma.problem.count();
    const rows = [intRow(1), intRow(2), intRow(3), intRow(4, { intervention: { content: "Add.", location: "Substep 9" } })];
    const path = join(dir, "bad-end.jsonl");
    writeFileSync(path, jsonl(rows));
    const r = await importFile(path, { dataset: "aon", format: "auto" });
    expect(r).toEqual({
      ok: false,
      truncated: false,
      errors: [{ file: "bad-end.jsonl", line: 4, field: "intervention.location", message: "is 9 but the attempt has 3 step(s): it must be within 1..3" }],
    });
    expect(await counts("aon")).toBeNull(); // not even the dataset
    expect(await prisma.problem.count()).toBe(before);
  });

  test("several errors are all reported, each with its line and field", async () => {
    const text = [JSON.stringify(intRow(1)), '{"problem": "x",', JSON.stringify({ ...intRow(2), answer: 7 }), JSON.stringify({ ...intRow(3), incorrect_attempt: undefined })].join("\n");
    const r = await importBuffer(enc(text), "many.jsonl", { dataset: "aon2" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.file, e.line, e.field])).toEqual([
      ["many.jsonl", 2, ""],
      ["many.jsonl", 3, "answer"],
      ["many.jsonl", 4, "incorrect_attempt"],
    ]);
    expect(await counts("aon2")).toBeNull();
  });

  test("non-UTF-8 bytes and an oversized field are refused, not crashed on", async () => {
    const latin1 = new Uint8Array([...enc(JSON.stringify(intRow(1)) + '\n{"problem":"caf'), 0xe9, ...enc('","answer":"1","incorrect_attempt":"a"}\n')]);
    const r1 = await importBuffer(latin1, "latin1.jsonl", { dataset: "enc" });
    expect(r1).toMatchObject({ ok: false, errors: [{ file: "latin1.jsonl", line: 2, field: "problem", message: expect.stringContaining("UTF-8") }] });
    const big = jsonl([intRow(1), intRow(2, { reference_solution: "x".repeat(1_100_000) })]);
    const r2 = await importBuffer(enc(big), "big.jsonl", { dataset: "enc" });
    expect(r2).toMatchObject({ ok: false, errors: [{ file: "big.jsonl", line: 2, field: "reference_solution", message: expect.stringContaining("limit is 1.0 MB") }] });
    expect(await counts("enc")).toBeNull();
  });

  test("errors stop at 50", async () => {
    const rows = Array.from({ length: 80 }, (_, i) => ({ ...intRow(i), answer: i }));
    const r = await importBuffer(enc(jsonl(rows)), "eighty.jsonl", { dataset: "many" });
    expect(r).toMatchObject({ ok: false, truncated: true });
    if (!r.ok) expect(r.errors).toHaveLength(50);
  });
});

describe("int and idempotency", () => {
  test("interventions are imported as proposals; the same rows in another file add nothing", async () => {
    const rows = [intRow(1, { intervention: { content: "Add carefully: $1+1=2$.", location: "Substep 2" }, model: "qwen" }), intRow(2)];
    const r = await importBuffer(enc(jsonl(rows)), "a.jsonl", { dataset: "int", actor: "ann" });
    expect(r).toMatchObject({ ok: true, format: "int", problems: 2, traces: 2, labels: 0, interventions: 1 });
    const iv = await prisma.intervention.findFirstOrThrow({ where: { trace: { dataset: { name: "int" } } }, include: { trace: true } });
    expect(iv).toMatchObject({ location: 2, status: "proposed", origin: "imported", content: "Add carefully: $1+1=2$." });
    expect(JSON.parse(iv.provenance)).toMatchObject({ file: "a.jsonl", line: 1, importedBy: "ann" });
    expect(iv.trace).toMatchObject({ hasIntervention: true, status: "todo", generator: "qwen", stepCount: 3 });

    // Same rows, different bytes (a JSON array): content hashes dedupe.
    const r2 = await importBuffer(enc(JSON.stringify(rows)), "a-again.json", { dataset: "int" });
    expect(r2).toMatchObject({ ok: true, problems: 0, traces: 0, interventions: 0, alreadyImported: false });
    expect(await counts("int")).toMatchObject({ problems: 2, traces: 2, interventions: 1, imports: 2 });
  });

  test("what a person curated is never overwritten", async () => {
    const t = await prisma.trace.findFirstOrThrow({ where: { dataset: { name: "int" }, hasIntervention: false } });
    await prisma.firstErrorLabel.create({ data: { traceId: t.id, step: 2, source: "human", annotator: "ann" } });
    await prisma.trace.update({ where: { id: t.id }, data: { status: "labelled", humanStep: 2, version: { increment: 1 } } });
    const p = await prisma.problem.update({ where: { id: t.problemId }, data: { referenceSolution: "curated by ann" } });
    const row = { ...intRow(2), reference_solution: "imported text", intervention: { content: "Fix step 2.", location: 2 } };
    const r = await importBuffer(enc(jsonl([row])), "b.jsonl", { dataset: "int" });
    expect(r).toMatchObject({ ok: true, traces: 0, interventions: 1 });
    const after = await prisma.trace.findUniqueOrThrow({ where: { id: t.id }, include: { problem: true, labels: true } });
    expect(after).toMatchObject({ status: "labelled", humanStep: 2, version: 1, hasIntervention: true });
    expect(after.problem.referenceSolution).toBe(p.referenceSolution);
    expect(after.labels).toHaveLength(1);
  });
});

describe("prm800k and problems", () => {
  test("prm800k phase 2: first -1 is the label, +1 completions are proposals", async () => {
    const r = await importFile(sharedData("prm800k", "raw_example_phase2_test.json"), { dataset: "prm" });
    expect(r).toMatchObject({ ok: true, format: "prm800k", problems: 1, traces: 1, labels: 1, interventions: 3 });
    const t = await prisma.trace.findFirstOrThrow({ where: { dataset: { name: "prm" } }, include: { labels: true, interventions: true } });
    expect(t.labels[0]).toMatchObject({ source: "imported", step: 7 });
    expect(t.interventions.every((iv) => iv.location === 7 && iv.status === "proposed" && iv.origin === "imported")).toBe(true);
    expect(t.hasIntervention).toBe(true);
  });

  test("problem sets import problems only", async () => {
    const progress: number[] = [];
    const r = await importFile(sharedData("imo-answerbench", "answerbench_v2.jsonl"), { dataset: "imo", onProgress: (p) => progress.push(p.bytesRead / p.totalBytes) });
    expect(progress.at(-1)).toBe(1);
    expect(r).toMatchObject({ ok: true, format: "problems", problems: 400, traces: 0 });
    const p = await prisma.problem.findFirstOrThrow({ where: { dataset: { name: "imo" }, externalId: "imo-bench-algebra-001" } });
    expect(JSON.parse(p.metadata)).toMatchObject({ Category: "Algebra", "Problem ID": "imo-bench-algebra-001" });
  });
});
