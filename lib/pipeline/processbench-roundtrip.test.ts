// Issue 2 §6: every ProcessBench label must come back unchanged through import -> export
// `processbench`. Uses the real importer and the real export on the real files.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importFile } from "@/lib/import";
import { exportLines, newCounts } from "@/lib/data/export";
import { sharedData } from "@/test-support/shared-data";

type PbRow = {
  id: string;
  generator: string;
  problem: string;
  steps: string[];
  final_answer_correct: boolean;
  label: number;
};

async function roundTrip(file: string, dataset: string) {
  const imported = await importFile(sharedData("processbench", file), {
    dataset,
    format: "processbench",
    actor: "test",
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  const counts = newCounts({ format: "processbench" });
  const out: PbRow[] = [];
  for await (const line of exportLines({ datasetId: imported.datasetId, format: "processbench" }, counts))
    out.push(JSON.parse(line));
  return { out, counts };
}

describe("ProcessBench import -> export round trip", () => {
  for (const file of ["gsm8k.json", "math.json"]) {
    it(`${file}: every row, label, step and id comes back unchanged`, async () => {
      const original: PbRow[] = JSON.parse(readFileSync(sharedData("processbench", file), "utf8"));
      const { out, counts } = await roundTrip(file, `pb-${file}`);
      expect(counts.written).toBe(original.length);
      const byId = new Map(out.map((r) => [r.id, r]));
      expect(byId.size).toBe(original.length);
      for (const row of original) {
        const back = byId.get(row.id);
        expect(back, row.id).toBeDefined();
        expect(back!.label, row.id).toBe(row.label);
        expect(back!.steps, row.id).toEqual(row.steps);
        expect(back!.problem, row.id).toBe(row.problem);
        expect(back!.generator, row.id).toBe(row.generator);
        expect(back!.final_answer_correct, row.id).toBe(row.final_answer_correct);
      }
    });
  }

  it("re-importing the same file adds nothing and the export is unchanged", async () => {
    const first = await roundTrip("gsm8k.json", "pb-twice");
    const again = await importFile(sharedData("processbench", "gsm8k.json"), {
      dataset: "pb-twice",
      format: "processbench",
      actor: "test",
    });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.traces).toBe(0);
    const second: PbRow[] = [];
    for await (const line of exportLines({ datasetId: again.ok ? again.datasetId : "", format: "processbench" }))
      second.push(JSON.parse(line));
    expect(second).toEqual(first.out);
  });
});
