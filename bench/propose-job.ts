// Issue 3 §7: 2,000 proposals (two turns each) against the stub model server with a fixed
// latency, at concurrency 32, through the job runner; compared with the ideal wall time and with
// a bare `openai` client loop at the same concurrency, measured in the same run. The bare loop runs
// half before and half after the job, so a change of machine load during the run weighs on both
// alike; the stub runs in its own thread (a real model server is its own process). CPU ms per item
// (whole process) is reported beside the wall times, which are noisy on a shared machine.
// Phase 4 (opt-in) runs the same job inside `next start` and loads dashboard pages meanwhile.
//   npx tsx bench/propose-job.ts [--n 2000] [--concurrency 32] [--latency 200] [--runner-only]
//                                [--dashboard DIST_DIR] [--port 3117] [--sampling-traces 200] [--sampling-k 4]
// Phase 5 (./propose-sampling.ts): requests and tokens per trace, independent vs shared turn 1.
// For bench/run.ts: benchProposeJob(opts) -> ProposeJobBench (lines: ./propose-lines.ts).
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { meter, pool, seedTraces } from "./propose-fixtures";
import { dashboardPhase, type PageLoads } from "./propose-dashboard";
import { benchSamplingStructure, type SamplingBench } from "./propose-sampling";

export type ProposeJobBenchOptions = {
  n?: number;
  concurrency?: number;
  latencyMs?: number;
  /** skip phase 2 (the propose job run in this process), e.g. to time only the dashboard phase */
  skipPropose?: boolean;
  /** also time the runner with a bare two-call handler (no proposal storage), to attribute overhead */
  runnerOnly?: boolean;
  /** phase 5: requests and tokens per trace, independent vs shared turn 1 (traces, K); 0 traces = skip */
  sampling?: { traces: number; k: number };
  /** phase 4: run the job in `next start` from this build and time page loads meanwhile */
  dashboard?: { distDir: string; port: number };
  log?: (line: string) => void;
};
export type Timing = {
  label: string;
  seconds: number;
  perSecond: number;
  vsIdeal: number;
  vsBaseline: number;
  cpuMsPerItem: number | null;
};
export type { PageLoads };
export type ProposeJobBench = {
  n: number;
  concurrency: number;
  latencyMs: number;
  idealSeconds: number;
  baseline: Timing;
  propose?: Timing & { ok: number; failed: number };
  runnerOnly?: Timing;
  dashboard?: { job: Timing & { ok: number; failed: number }; pages: PageLoads };
  sampling?: SamplingBench;
  pass: {
    withinIdeal: boolean;
    throughput: boolean;
    dashboard?: boolean;
    samplingRequests?: boolean;
    samplingTokens?: boolean;
  };
};

export const IDEAL_FACTOR = 1.1;
export const THROUGHPUT_FLOOR = 0.95;
export const PAGE_MS = 500;

export async function benchProposeJob(opts: ProposeJobBenchOptions = {}): Promise<ProposeJobBench> {
  const n = opts.n ?? 2000,
    concurrency = opts.concurrency ?? 32,
    latencyMs = opts.latencyMs ?? 200;
  const log = opts.log ?? (() => {});
  // Imported here so a caller can point DATABASE_URL at a scratch database first.
  const [
    { default: OpenAI },
    { startStubThread },
    { prisma },
    { createJob },
    { runJobToCompletion },
    { registerHandler, getHandler },
    { chatComplete },
    { resolveProposeParams },
    { MODEL_SETTING_KEYS },
  ] = await Promise.all([
    import("openai"),
    import("./propose-stub-thread"),
    import("@/lib/db"),
    import("@/lib/data/job-lifecycle"),
    import("@/lib/jobs/run-to-completion"),
    import("@/lib/jobs/registry"),
    import("@/lib/model/client"),
    import("@/lib/propose/params"),
    import("@/lib/model/settings"),
  ]);
  const stub = await startStubThread({ latencyMs });
  const idealSeconds = (n * 2 * latencyMs) / 1000 / concurrency;
  let baselineSeconds = 0;
  const timing = (label: string, m: { seconds: number; cpuMs: number | null }): Timing => ({
    label,
    seconds: m.seconds,
    perSecond: n / m.seconds,
    vsIdeal: m.seconds / idealSeconds,
    vsBaseline: baselineSeconds ? baselineSeconds / m.seconds : 1,
    cpuMsPerItem: m.cpuMs === null ? null : m.cpuMs / n,
  });
  const line = (t: Timing, extra = "") =>
    log(
      `${t.label.padEnd(30)} ${t.seconds.toFixed(2).padStart(7)} s  ${t.perSecond.toFixed(1).padStart(6)}/s  ${t.vsIdeal.toFixed(3)}x ideal  ${t.vsBaseline.toFixed(3)} of baseline${t.cpuMsPerItem === null ? "" : `  ${t.cpuMsPerItem.toFixed(2)} CPU ms/item`}${extra}`,
    );
  const baseUrlKey = MODEL_SETTING_KEYS.baseUrl;
  const prevBaseUrl = await prisma.setting.findUnique({ where: { key: baseUrlKey } });
  try {
    // 1. Baseline: the bare SDK, two sequential calls per proposal, `concurrency` workers.
    const client = new OpenAI({ baseURL: stub.url, apiKey: "none", maxRetries: 0 });
    const msg = (i: number, turn: number) => [{ role: "user" as const, content: `proposal ${i} turn ${turn}` }];
    const bare = async (from: number, count: number) => {
      const m = meter();
      await pool(count, concurrency, async (i) => {
        await client.chat.completions.create({ model: "stub-model", messages: msg(from + i, 1) });
        await client.chat.completions.create({ model: "stub-model", messages: msg(from + i, 2) });
      });
      return m();
    };
    await pool(concurrency, concurrency, (i) =>
      client.chat.completions.create({ model: "stub-model", messages: msg(i, 0) }).then(() => {}),
    ); // warm-up
    const half = Math.floor(n / 2);
    const before = await bare(0, half);
    log(`ideal ${idealSeconds.toFixed(2)} s (${n} x 2 calls x ${latencyMs} ms / ${concurrency})`);
    log(`bare openai loop, first half     ${before.seconds.toFixed(2)} s`);

    // 2. The real propose stage through the job runner, on a scratch dataset of n traces (k = 1).
    await prisma.setting.upsert({
      where: { key: baseUrlKey },
      create: { key: baseUrlKey, value: stub.url },
      update: { value: stub.url },
    });
    if (!(await getHandler("propose"))) throw new Error("the propose stage (lib/propose/handler) is not available");
    const params = { ...(await resolveProposeParams({ k: 1, model: "stub-model" })), concurrency };
    let jobMeasure: ReturnType<ReturnType<typeof meter>> | undefined;
    let jobCounts = { ok: 0, failed: 0 };
    if (!opts.skipPropose) {
      const datasetId = await seedTraces(prisma, n);
      const m = meter();
      const { jobId } = await createJob({ kind: "propose", params, datasetId, createdBy: "bench" });
      const p = await runJobToCompletion(jobId, {
        progressMs: 5000,
        onProgress: (x) => log(`  propose job ${x.done + x.failed}/${x.total}`),
      });
      jobMeasure = m();
      jobCounts = { ok: p.done, failed: p.failed };
    }
    const after = await bare(half, n - half);
    log(`bare openai loop, second half    ${after.seconds.toFixed(2)} s`);
    const baseline = timing("bare openai loop", {
      seconds: before.seconds + after.seconds,
      cpuMs: before.cpuMs + after.cpuMs,
    });
    baselineSeconds = baseline.seconds;
    line(baseline);
    const propose = jobMeasure ? { ...timing("propose job (runner + stage)", jobMeasure), ...jobCounts } : undefined;
    if (propose) line(propose, `  (${propose.ok} done, ${propose.failed} failed)`);

    // 3. Optional: the runner alone, with a handler that only makes the two calls.
    let runnerOnly: Timing | undefined;
    if (opts.runnerOnly) {
      const ep = { baseUrl: stub.url, apiKey: "none" };
      const sampling = { temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16 };
      registerHandler({
        kind: "sample",
        plan: async () => Array.from({ length: n }, (_, i) => ({ key: String(i).padStart(6, "0"), payload: { i } })),
        runItem: async (payload, ctx) => {
          await chatComplete(ep, "stub-model", msg(Number(payload.i), 1), sampling, { signal: ctx.signal });
          await chatComplete(ep, "stub-model", msg(Number(payload.i), 2), sampling, { signal: ctx.signal });
          return {};
        },
      });
      const m = meter();
      const j = await createJob({ kind: "sample", params: { concurrency }, datasetId: null, createdBy: "bench" });
      await runJobToCompletion(j.jobId);
      runnerOnly = timing("runner, two-call handler", m());
      line(runnerOnly);
    }

    // 4. Optional: the job inside the dashboard server (CPU not comparable: another process).
    let dashboard: ProposeJobBench["dashboard"];
    if (opts.dashboard) {
      const d = await dashboardPhase({ prisma, createJob, params, n, ...opts.dashboard, log });
      const job = {
        ...timing("propose job in next start", { seconds: d.seconds, cpuMs: null }),
        ok: d.done,
        failed: d.failed,
      };
      line(job, `  (${d.status}; ${d.done} done, ${d.failed} failed)`);
      dashboard = { job, pages: d.pages };
    }
    // 5. The reference's sampling structure vs independent turn 1s: requests and tokens per trace.
    let sampling: SamplingBench | undefined;
    if (opts.sampling && opts.sampling.traces > 0) {
      sampling = await benchSamplingStructure(
        {
          prisma,
          stubUrl: stub.url,
          createJob: createJob as never,
          runJobToCompletion,
          resolveProposeParams: resolveProposeParams as never,
          baseUrlKey,
        },
        { ...opts.sampling, concurrency, log },
      );
    }

    const measured = propose ?? dashboard?.job;
    const pass = {
      withinIdeal: !!measured && measured.vsIdeal <= IDEAL_FACTOR && measured.failed === 0,
      throughput: !!measured && measured.vsBaseline >= THROUGHPUT_FLOOR,
      ...(dashboard ? { dashboard: dashboard.pages.max < PAGE_MS } : {}),
      ...(sampling
        ? {
            samplingRequests: sampling.pass.requests && sampling.pass.sameProposals,
            samplingTokens: sampling.pass.completionTokens,
          }
        : {}),
    };
    log(
      `verdict: wall <= ${IDEAL_FACTOR}x ideal ${pass.withinIdeal ? "PASS" : "FAIL"}; throughput >= ${THROUGHPUT_FLOOR * 100}% of baseline ${pass.throughput ? "PASS" : "FAIL"}${dashboard ? `; every page load < ${PAGE_MS} ms ${pass.dashboard ? "PASS" : "FAIL"}` : ""}`,
    );
    return { n, concurrency, latencyMs, idealSeconds, baseline, propose, runnerOnly, dashboard, sampling, pass };
  } finally {
    if (prevBaseUrl) await prisma.setting.update({ where: { key: baseUrlKey }, data: { value: prevBaseUrl.value } });
    else await prisma.setting.deleteMany({ where: { key: baseUrlKey } });
    await stub.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (k: string) => {
    const i = process.argv.indexOf(k);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  // Alone, the bench works on a scratch database so it never touches the studio's data.
  const db = join(tmpdir(), `int-bench-propose-${process.pid}.db`);
  process.env.DATABASE_URL = `file:${db}`;
  const cleanup = () => {
    for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(db + s, { force: true });
  };
  const dist = arg("--dashboard");
  benchProposeJob({
    n: Number(arg("--n") ?? 2000),
    concurrency: Number(arg("--concurrency") ?? 32),
    latencyMs: Number(arg("--latency") ?? 200),
    runnerOnly: process.argv.includes("--runner-only"),
    skipPropose: process.argv.includes("--skip-propose"),
    dashboard: dist ? { distDir: dist, port: Number(arg("--port") ?? 3117) } : undefined,
    sampling: { traces: Number(arg("--sampling-traces") ?? 200), k: Number(arg("--sampling-k") ?? 4) },
    log: (l) => console.log(l),
  }).then(
    (r) => {
      console.log(JSON.stringify({ bench: "propose-job", ...r }));
      cleanup();
      process.exit(Object.values(r.pass).every(Boolean) ? 0 : 1);
    },
    (e) => {
      console.error(e);
      cleanup();
      process.exit(2);
    },
  );
}
