import { describe, expect, it } from "vitest";
import { importBuffer } from "@/lib/import/importer";
import { exportLines, type ExportOptions } from "./export";

// The streaming export reads the format registry: a format name it does not know (a typo from a
// script, a stale client) is an error before any row, never TRL rows under another name.

const row = { problem: "Solve $2x=10$.", answer: "5", incorrect_attempt: "Let $x$ be it.\n\nSo $x=6$.", intervention: { content: "Divide by 2 first.", location: 2 } };

async function lines(o: ExportOptions) {
  const out: string[] = [];
  for await (const l of exportLines(o)) out.push(l);
  return out;
}

describe("export format names", () => {
  it("an unknown format throws before any row; a known one exports", async () => {
    const r = await importBuffer(new TextEncoder().encode(JSON.stringify(row) + "\n"), "one.jsonl", { dataset: "fmt-names", format: "int", actor: "test" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const statuses = ["proposed", "accepted", "edited"] as const;
    expect(await lines({ datasetId: r.datasetId, format: "trl", statuses })).toHaveLength(1);
    await expect(lines({ datasetId: r.datasetId, format: "llama-factory" as never, statuses })).rejects.toThrow(/unknown export format "llama-factory"/);
  });
});
