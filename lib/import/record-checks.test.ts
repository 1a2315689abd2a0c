// Within one file, two records with the same id are refused (naming both lines); a re-import's
// summary counts records already present, not the rows they hold.
import { afterAll, describe, expect, test } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "@/lib/db";
import { importFile } from "@/lib/import";

const dir = mkdtempSync(join(tmpdir(), "int-record-checks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, rows: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return path;
};
const intRow = (i: number, id: string) => ({
  id,
  problem: `Problem ${i}: what is $${i}+1$?`,
  answer: String(i + 1),
  reference_solution: `$${i}+1=${i + 1}$.`,
  incorrect_attempt: `We add.\n\nSo $${i}+1=${i + 2}$.\n\n\\boxed{${i + 2}}`,
  intervention: { content: `Add: $${i}+1=${i + 1}$.`, location: 2 },
});

describe("duplicate ids in one file", () => {
  test("two int records with the same id are refused, naming both lines; nothing is written", async () => {
    const path = write("dup.jsonl", [intRow(1, "a"), intRow(2, "b"), intRow(3, "c"), intRow(4, "b")]);
    const r = await importFile(path, { dataset: "dup-int" });
    expect(r).toEqual({
      ok: false,
      truncated: false,
      errors: [
        { file: "dup.jsonl", line: 4, field: "id", message: 'duplicate id "b": dup.jsonl:2:id has the same id' },
      ],
    });
    expect(await prisma.dataset.count({ where: { name: "dup-int" } })).toBe(0);
  });

  test("a problem set keyed by unique_id names that field", async () => {
    const path = write("dup-problems.jsonl", [
      { problem: "What is 1+1?", answer: "2", unique_id: "test/algebra/1.json" },
      { problem: "What is 2+2?", answer: "4", unique_id: "test/algebra/1.json" },
    ]);
    const r = await importFile(path, { dataset: "dup-problems", format: "problems" });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        {
          file: "dup-problems.jsonl",
          line: 2,
          field: "unique_id",
          message: 'duplicate unique_id "test/algebra/1.json": dup-problems.jsonl:1:unique_id has the same unique_id',
        },
      ]);
  });

  test("the same id in two different files of one dataset is not a duplicate (a re-import)", async () => {
    expect((await importFile(write("one.jsonl", [intRow(10, "x")]), { dataset: "dup-across" })).ok).toBe(true);
    expect(
      (await importFile(write("two.jsonl", [intRow(10, "x"), intRow(11, "y")]), { dataset: "dup-across" })).ok,
    ).toBe(true);
  });
});

describe("re-import summary counts records", () => {
  test("100 records imported again: 100 records already present, not the 300 rows they hold", async () => {
    const rows = Array.from({ length: 100 }, (_, i) => intRow(100 + i, `r${i}`));
    const first = await importFile(write("hundred.jsonl", rows), { dataset: "reimport" });
    expect(first).toMatchObject({
      ok: true,
      records: 100,
      recordsAlreadyPresent: 0,
      problems: 100,
      traces: 100,
      interventions: 100,
    });
    // Same records, another file (one more record): the summary says 100 of 101 were present.
    const again = await importFile(write("hundred-and-one.jsonl", [...rows, intRow(999, "new")]), {
      dataset: "reimport",
    });
    expect(again).toMatchObject({
      ok: true,
      records: 101,
      recordsAlreadyPresent: 100,
      problems: 1,
      traces: 1,
      interventions: 1,
      alreadyImported: false,
    });
    if (again.ok) expect(again.skipped).toEqual({ problems: 100, traces: 100, labels: 0, interventions: 100 });
  });
});
