// Adapter of bench/propose-job.ts for bench/run.ts: README table lines ("propose" in BENCH_ONLY).
// The bench runs in its own process on its own scratch database: bench/run.ts imports modules
// that open lib/db on the default database.
import { DIST_DIR, PORT, scaled } from "./lib/config";
import { ensureBuild } from "./lib/next-server";
import type { BenchLine } from "./lib/result";
import { IDEAL_FACTOR, PAGE_MS, THROUGHPUT_FLOOR, type ProposeJobBench } from "./propose-job";
import { runBenchChild } from "./propose-fixtures";

export async function benchProposeJobLines(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  ensureBuild(log);
  const args = [
    "--n",
    String(scaled(2000, 64)),
    "--dashboard",
    DIST_DIR,
    "--port",
    String(PORT + 13),
    "--sampling-traces",
    String(scaled(200, 16)),
    "--sampling-k",
    "4",
  ];
  const r = await runBenchChild<ProposeJobBench>("bench/propose-job.ts", args, "propose-job", log);
  const B = "Propose job";
  const m = r.propose ?? r.dashboard?.job;
  if (!m) throw new Error("no propose timing was measured");
  const s = (x: number) => `${x.toFixed(2)} s`;
  // CPU of the whole process per proposal (robust where wall times are noisy; null in next start)
  const cpu = (t: { cpuMsPerItem: number | null }) =>
    t.cpuMsPerItem === null ? "" : `, ${t.cpuMsPerItem.toFixed(2)} CPU ms each`;
  const lines: BenchLine[] = [
    {
      bench: B,
      metric: `${r.n} proposals x 2 turns, c=${r.concurrency}, ${r.latencyMs} ms stub: wall`,
      value: s(m.seconds),
      baseline: `ideal ${s(r.idealSeconds)}`,
      ratio: m.vsIdeal,
      target: `<= ${IDEAL_FACTOR}x`,
      pass: r.pass.withinIdeal,
    },
    {
      bench: B,
      metric: "throughput vs bare openai loop",
      value: `${m.perSecond.toFixed(1)}/s${cpu(m)}`,
      baseline: `${r.baseline.perSecond.toFixed(1)}/s${cpu(r.baseline)}`,
      ratio: m.vsBaseline,
      target: `>= ${THROUGHPUT_FLOOR}`,
      pass: r.pass.throughput,
    },
  ];
  if (r.dashboard) {
    lines.push({
      bench: B,
      metric: `slowest page load while the job runs in next start (${r.dashboard.pages.count} loads)`,
      value: `${r.dashboard.pages.max.toFixed(0)} ms`,
      baseline: `p50 ${r.dashboard.pages.p50.toFixed(0)} ms`,
      ratio: null,
      target: `< ${PAGE_MS} ms`,
      pass: r.pass.dashboard ?? null,
    });
  }
  if (r.sampling) {
    const z = r.sampling;
    const f = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
    const what = `${z.traces} traces x K=${z.k}, stub`;
    lines.push(
      {
        bench: B,
        metric: `requests per trace, shared turn 1 (n=K) vs independent (${what})`,
        value: f(z.perTrace.requests[1]),
        baseline: f(z.perTrace.requests[0]),
        ratio: z.ratio.requests,
        target: "2 vs 2K, same proposals",
        pass: r.pass.samplingRequests ?? null,
      },
      {
        bench: B,
        metric: `generated tokens per trace, shared vs independent (${what})`,
        value: f(z.perTrace.completionTokens[1]),
        baseline: f(z.perTrace.completionTokens[0]),
        ratio: z.ratio.completionTokens,
        target: "< 1 (t1 + K t2 vs K (t1 + t2))",
        pass: r.pass.samplingTokens ?? null,
      },
      {
        bench: B,
        metric: `prompt tokens per trace, shared vs independent (${what})`,
        value: f(z.perTrace.promptTokens[1]),
        baseline: f(z.perTrace.promptTokens[0]),
        ratio: z.perTrace.promptTokens[1] / z.perTrace.promptTokens[0],
        target: "(reported)",
        pass: null,
      },
    );
  }
  return { lines, raw: r };
}
