// a) Import of N synthetic ~5 KB traces (int JSONL) with the real importer vs a bare
// better-sqlite3 insert loop of the same rows into the same schema; peak RSS of the importer.
import { rmSync, statSync } from "node:fs";
import { runChild } from "./lib/child";
import { removeDb, scaled, tempDb } from "./lib/config";
import type { BenchLine } from "./lib/result";
import { round } from "./lib/stats";
import { writeJsonl } from "./lib/synthetic";

type Out = {
  mode: string;
  ms: number;
  counts: { traces: number; problems: number; interventions: number; records?: number; skipped?: unknown };
  peakRssMb: number;
  rssBeforeMb: number;
};

export async function benchImport(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const n = scaled(100_000, 500);
  const file = `/tmp/int-bench-import-${n}.jsonl`;
  log(`import: writing ${n} synthetic rows to ${file}`);
  const bytes = await writeJsonl(file, n);
  log(`import: ${(bytes / 1e6).toFixed(0)} MB (${Math.round(bytes / n)} bytes per row)`);
  try {
    // Baseline first, then the importer, then the baseline again: the file is in the page cache
    // for both, and the mean of two baselines evens out machine load drifting during the run.
    const dbs = [tempDb("import-baseline"), tempDb("import-real"), tempDb("import-baseline2")];
    const b1 = await runChild<Out>("workers/import-worker.ts", ["baseline", file], { DATABASE_URL: dbs[0].url });
    removeDb(dbs[0].path);
    log(`import: baseline ${Math.round(b1.ms)} ms`);
    const real = await runChild<Out>("workers/import-worker.ts", ["importer", file], { DATABASE_URL: dbs[1].url });
    removeDb(dbs[1].path);
    log(`import: importer ${Math.round(real.ms)} ms, peak RSS ${Math.round(real.peakRssMb)} MB`);
    const b2 = await runChild<Out>("workers/import-worker.ts", ["baseline", file], { DATABASE_URL: dbs[2].url });
    removeDb(dbs[2].path);
    log(`import: baseline again ${Math.round(b2.ms)} ms`);
    const preDb = tempDb("import-prelist");
    const pre = await runChild<Out>("workers/import-worker.ts", ["baseline-prelist", file], {
      DATABASE_URL: preDb.url,
    });
    removeDb(preDb.path);
    log(`import: baseline without the list's index and triggers ${Math.round(pre.ms)} ms`);
    if (real.counts.traces !== n || b1.counts.traces !== n)
      throw new Error(
        `import wrote ${real.counts.traces} / baseline ${b1.counts.traces} traces, expected ${n}: ${JSON.stringify(real.counts)}`,
      );
    const baseMs = (b1.ms + b2.ms) / 2;
    const realTput = n / (real.ms / 1000);
    const baseTput = n / (baseMs / 1000);
    const ratio = realTput / baseTput;
    const size = statSync(file).size;
    const lines: BenchLine[] = [
      {
        bench: `Import ${n.toLocaleString("en")} traces (${(size / 1e6).toFixed(0)} MB JSONL)`,
        metric: "throughput",
        value: `${Math.round(realTput).toLocaleString("en")} traces/s (${(real.ms / 1000).toFixed(1)} s)`,
        baseline: `${Math.round(baseTput).toLocaleString("en")} traces/s (bare better-sqlite3 insert loop)`,
        ratio: round(ratio),
        target: ">= 0.5",
        pass: ratio >= 0.5,
      },
      {
        bench: "Import (same run): against the bare loop on the schema before the list's index and triggers",
        metric: "throughput",
        value: `${Math.round(realTput).toLocaleString("en")} traces/s`,
        baseline: `${Math.round(n / (pre.ms / 1000)).toLocaleString("en")} traces/s (bare loop, list index and triggers dropped)`,
        ratio: round(pre.ms / real.ms),
        target: ">= 0.5",
        pass: pre.ms / real.ms >= 0.5,
      },
      {
        bench: "Import (same run)",
        metric: "peak RSS",
        value: `${Math.round(real.peakRssMb)} MB`,
        baseline: `${Math.round(b1.peakRssMb)} MB (baseline process)`,
        ratio: null,
        target: "< 500 MB",
        pass: real.peakRssMb < 500,
      },
    ];
    return { lines, raw: { n, bytes: size, baseline: [b1, b2], prelist: pre, importer: real } };
  } finally {
    rmSync(file, { force: true });
  }
}
