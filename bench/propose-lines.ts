// Adapter of bench/propose-job.ts for bench/run.ts: README table lines ("propose" in BENCH_ONLY).
import { DIST_DIR, PORT, removeDb, scaled, tempDb } from "./lib/config";
import { ensureBuild } from "./lib/next-server";
import type { BenchLine } from "./lib/result";
import { IDEAL_FACTOR, PAGE_MS, THROUGHPUT_FLOOR, benchProposeJob } from "./propose-job";

export async function benchProposeJobLines(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const g = globalThis as unknown as { prisma?: unknown };
  if (g.prisma) throw new Error("lib/db was already opened on another database in this process; run with BENCH_ONLY=propose");
  const db = tempDb("propose");
  process.env.DATABASE_URL = db.url;
  try {
    ensureBuild(log);
    const r = await benchProposeJob({ n: scaled(2000, 64), dashboard: { distDir: DIST_DIR, port: PORT + 13 }, log });
    const B = "Propose job";
    const m = r.propose ?? r.dashboard?.job;
    if (!m) throw new Error("no propose timing was measured");
    const s = (x: number) => `${x.toFixed(2)} s`;
    const lines: BenchLine[] = [
      { bench: B, metric: `${r.n} proposals x 2 turns, c=${r.concurrency}, ${r.latencyMs} ms stub: wall`, value: s(m.seconds), baseline: `ideal ${s(r.idealSeconds)}`, ratio: m.vsIdeal, target: `<= ${IDEAL_FACTOR}x`, pass: r.pass.withinIdeal },
      { bench: B, metric: "throughput vs bare openai loop", value: `${m.perSecond.toFixed(1)}/s`, baseline: `${r.baseline.perSecond.toFixed(1)}/s`, ratio: m.vsBaseline, target: `>= ${THROUGHPUT_FLOOR}`, pass: r.pass.throughput },
    ];
    if (r.dashboard) {
      lines.push({ bench: B, metric: `slowest page load while the job runs in next start (${r.dashboard.pages.count} loads)`, value: `${r.dashboard.pages.max.toFixed(0)} ms`, baseline: `p50 ${r.dashboard.pages.p50.toFixed(0)} ms`, ratio: null, target: `< ${PAGE_MS} ms`, pass: r.pass.dashboard ?? null });
    }
    return { lines, raw: r };
  } finally {
    removeDb(db.path);
  }
}
