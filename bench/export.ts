// b) Export of N traces (one intervention each, int format) with the real streaming export
// (the CLI's code path) vs a bare select + JSON.stringify + write of the same joined rows;
// memory: peak RSS during the export minus RSS before it.
import { closeSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { createReadStream } from "node:fs";
import { runChild } from "./lib/child";
import { removeDb, scaled, tempDb } from "./lib/config";
import { fill, range } from "./lib/fill";
import type { BenchLine } from "./lib/result";
import { round } from "./lib/stats";
import { syntheticRow } from "./lib/synthetic";

const HEAP_CAP_MB = 128;

type Out = { mode: string; ms: number; rssBeforeMb: number; peakRssMb: number; sampledPeakMb: number };

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const _ of createInterface({ input: createReadStream(path) })) n++;
  return n;
}

export async function benchExport(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const n = scaled(100_000, 500);
  const db = tempDb("export");
  const outReal = "/tmp/int-bench-export-real.jsonl";
  const outBase = "/tmp/int-bench-export-baseline.jsonl";
  try {
    log(`export: filling ${db.path} with ${n} traces (real import writer, not timed)`);
    fill(db.url, "bench", range(n, syntheticRow));
    const env = { DATABASE_URL: db.url };
    const b1 = await runChild<Out>("workers/export-worker.ts", ["baseline", outBase], env);
    log(`export: baseline ${Math.round(b1.ms)} ms`);
    const real = await runChild<Out>("workers/export-worker.ts", ["export", outReal], env);
    log(
      `export: real ${Math.round(real.ms)} ms, RSS ${Math.round(real.rssBeforeMb)} -> peak ${Math.round(real.peakRssMb)} MB`,
    );
    const b2 = await runChild<Out>("workers/export-worker.ts", ["baseline", outBase], env);
    log(`export: baseline again ${Math.round(b2.ms)} ms`);
    // Flat memory, shown directly: the same export again with the JS heap capped far below the
    // output size. An export that kept rows would die of "heap out of memory" here.
    let capped: Out | null = null;
    try {
      capped = await runChild<Out>("workers/export-worker.ts", ["export", outReal], env, [
        `--max-old-space-size=${HEAP_CAP_MB}`,
      ]);
      log(`export: with a ${HEAP_CAP_MB} MB heap cap: ok, peak RSS ${Math.round(capped.peakRssMb)} MB`);
    } catch (e) {
      log(
        `export: with a ${HEAP_CAP_MB} MB heap cap: FAILED ${(e instanceof Error ? e.message : String(e)).slice(0, 300)}`,
      );
    }
    const rows = await countLines(outReal);
    if (rows !== n) throw new Error(`the export wrote ${rows} rows, expected ${n}`);
    const head = Buffer.alloc(1 << 20);
    const fd = openSync(outReal, "r");
    const got = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const first = JSON.parse(head.subarray(0, got).toString("utf8").split("\n")[0]) as Record<string, unknown>;
    if (typeof first.intervention_guided_attempt !== "string")
      throw new Error("export rows lack intervention_guided_attempt");
    const baseMs = (b1.ms + b2.ms) / 2;
    const ratio = baseMs / real.ms;
    const size = statSync(outReal).size;
    const lines: BenchLine[] = [
      {
        bench: `Export ${n.toLocaleString("en")} interventions, int format (${(size / 1e6).toFixed(0)} MB)`,
        metric: "throughput",
        value: `${Math.round(n / (real.ms / 1000)).toLocaleString("en")} rows/s (${(real.ms / 1000).toFixed(1)} s)`,
        baseline: `${Math.round(n / (baseMs / 1000)).toLocaleString("en")} rows/s (bare select + JSON.stringify + write)`,
        ratio: round(ratio),
        target: ">= 0.5",
        pass: ratio >= 0.5,
      },
      {
        bench: "Export (same run)",
        metric: `memory: same export with the JS heap capped at ${HEAP_CAP_MB} MB`,
        value: capped
          ? `completes; peak RSS ${Math.round(capped.peakRssMb)} MB (uncapped run: ${Math.round(real.rssBeforeMb)} -> ${Math.round(real.peakRssMb)} MB)`
          : "runs out of memory",
        baseline: `bare export peak RSS ${Math.round(b1.peakRssMb)} MB`,
        ratio: null,
        target: `flat (a ${(size / 1e6).toFixed(0)} MB output in a ${HEAP_CAP_MB} MB heap)`,
        pass: capped !== null,
      },
    ];
    return { lines, raw: { n, outputBytes: size, baseline: [b1, b2], export: real, heapCapped: capped } };
  } finally {
    removeDb(db.path);
    rmSync(outReal, { force: true });
    rmSync(outBase, { force: true });
  }
}
