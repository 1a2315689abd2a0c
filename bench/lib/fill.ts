import { parseRecord } from "@/lib/core/formats";
import { openImportWriter } from "@/lib/data/import";

// Fills a bench database through the real import writer (the rows look exactly like an import
// made them), without a file: setup for the export, page and review benches, not measured.
export function fill(url: string, dataset: string, rows: Iterable<unknown>): { datasetId: string; traces: number } {
  const w = openImportWriter(dataset, "bench", url);
  let n = 0;
  try {
    for (const row of rows) {
      const p = parseRecord("int", row, { source: "bench" });
      if (!p.ok) throw new Error(`bench row ${n} does not parse: ${JSON.stringify(p.errors)}`);
      w.write(p.value, { file: "bench", line: ++n });
    }
    w.finish({ fileName: "bench", fileHash: `bench-${dataset}-${n}`, format: "int" });
  } catch (e) {
    w.rollback();
    throw e;
  }
  return { datasetId: w.datasetId, traces: n };
}

export function* range<T>(n: number, f: (i: number) => T): Generator<T> {
  for (let i = 0; i < n; i++) yield f(i);
}
