// Issue 4 §4: a rollout job of 1,000 interventions x 32 continuations against the stub model
// server (fixed latency), through the job runner, compared with a bare loop at the same number of
// calls in flight (runner concurrency x perItem), measured in the same run:
//   baseline     the same client call + the same grading pool per sample, no runner, no storage;
//                half of it runs before the job and half after, so a change of machine load
//                during the run weighs on both alike
//   client-only  the client call alone (for information: what grading costs)
// The stub runs in its own thread (a real model server is its own process). CPU ms per sample
// (whole process, so the stub and the grading workers count for every phase alike) is reported
// beside the wall times, which are noisy on a shared machine.
// Pass: the job's wall time is within 5% of the baseline (runner overhead < 5%).
//   npx tsx bench/rollout-job.ts [--n 1000] [--k 32] [--concurrency 16] [--per-item 8] [--latency 100]
// For bench/run.ts: run(log) -> { lines, raw }.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchLine } from "./lib/result";
import { meter, pool } from "./propose-fixtures";

export type RolloutBenchOptions = {
  n?: number;
  k?: number;
  concurrency?: number;
  perItem?: number;
  latencyMs?: number;
  log?: (s: string) => void;
};
export const OVERHEAD_LIMIT = 0.05;

const REPLIES = [
  "\n\nSo the answer is \\boxed{5}.",
  "\n\nSo the answer is \\boxed{6}.",
  "\n\nI think it is five.",
  "\n\nThus $\\frac{10}{2}$, i.e. \\boxed{\\frac{10}{2}}.",
];

export async function benchRolloutJob(o: RolloutBenchOptions = {}) {
  const n = o.n ?? 1000,
    k = o.k ?? 32,
    concurrency = o.concurrency ?? 16,
    perItem = o.perItem ?? 8,
    latencyMs = o.latencyMs ?? 100;
  const log = o.log ?? (() => {});
  const width = concurrency * perItem;
  const [
    { startStubThread },
    { prisma },
    { sha256 },
    { runJobToCompletion },
    { chatComplete },
    { sharedGradePool, closeSharedGradePool },
    { writeModelSettings },
    { startRolloutsJob },
    { continuationPrompt },
  ] = await Promise.all([
    import("./propose-stub-thread"),
    import("@/lib/db"),
    import("@/lib/core/hash"),
    import("@/lib/jobs/run-to-completion"),
    import("@/lib/model/client"),
    import("@/lib/grade/shared-pool"),
    import("@/lib/model/settings"),
    import("@/lib/rollouts/start"),
    import("@/lib/core/rollouts/conditions"),
  ]);
  const stub = await startStubThread({ latencyMs, replies: REPLIES });
  try {
    await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
    const ds = await prisma.dataset.create({ data: { name: `bench-rollouts-${Date.now()}` } });
    const problems = Math.max(1, Math.ceil(n / 10));
    for (let p = 0; p < problems; p++) {
      const statement = `Bench problem ${p}: what is 2+3?`;
      const pr = await prisma.problem.create({
        data: { datasetId: ds.id, statement, answer: "5", contentHash: sha256(statement) },
      });
      const text = `Step one of ${p}.\n\nWe get 2+3=6.\n\nSo \\boxed{6}.`;
      const t = await prisma.trace.create({
        data: { datasetId: ds.id, problemId: pr.id, text, stepCount: 3, contentHash: sha256("", text) },
      });
      const count = Math.min(10, n - p * 10);
      await prisma.intervention.createMany({
        data: Array.from({ length: count }, (_, j) => ({
          traceId: t.id,
          location: 2,
          content: `Recompute ${p}-${j}: 2+3 is five.`,
          status: "accepted",
          origin: "human",
          contentHash: sha256("2", `${p}-${j}`),
        })),
      });
    }
    const pool0 = sharedGradePool();
    await pool0.ready();
    const ep = { baseUrl: stub.url, apiKey: "none" };
    const sampling = { temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16384 };
    const prompt = continuationPrompt("Bench problem: what is 2+3?", "Step one.\n\nRecompute: 2+3 is five.");
    const calls = n * k;
    const ideal = (calls * latencyMs) / 1000 / width;
    log(
      `${n} interventions x ${k} = ${calls} calls, ${width} in flight (${concurrency} items x ${perItem}), latency ${latencyMs} ms; ideal ${ideal.toFixed(1)} s`,
    );
    const call = () => chatComplete(ep, "stub-model", prompt.messages, sampling, { extraBody: prompt.extraBody });
    const graded = async (count: number) => {
      const m = meter();
      await pool(count, width, async () => {
        const res = await call();
        await pool0.grade({ gold: "5", pred: res.text, predMode: "solution" });
      });
      return m();
    };
    const perSample = (cpuMs: number) => `${(cpuMs / calls).toFixed(3)} CPU ms/sample`;
    // warm-up of the client and of the grading workers (their first comparisons JIT-compile the
    // grader): without it the first baseline half ran about twice as slow as the second
    await graded(width * 8);

    const half = Math.floor(calls / 2);
    const before = await graded(half);
    log(`baseline, first half             ${before.seconds.toFixed(2)} s`);

    let m = meter();
    const started = await startRolloutsJob({
      datasetId: ds.id,
      k,
      perItem,
      concurrency,
      actor: "bench",
      model: "stub-model",
    });
    if (!started.ok) throw new Error(started.error);
    const p = await runJobToCompletion(started.jobId, {
      progressMs: 10_000,
      onProgress: (x) => log(`  rollout job ${x.done + x.failed}/${x.total}`),
    });
    const jobM = m();
    const job = jobM.seconds;

    const after = await graded(calls - half);
    const baseline = before.seconds + after.seconds;
    const baselineCpu = before.cpuMs + after.cpuMs;
    log(`baseline, second half            ${after.seconds.toFixed(2)} s`);
    log(`baseline (client + grade loop)   ${baseline.toFixed(2)} s  ${perSample(baselineCpu)}`);

    m = meter();
    await pool(calls, width, () => call().then(() => {}));
    const clientM = m();
    const clientOnly = clientM.seconds;
    log(`client-only loop                 ${clientOnly.toFixed(2)} s  ${perSample(clientM.cpuMs)}`);

    const stored = await prisma.rollout.count({ where: { problem: { datasetId: ds.id } } });
    const verified = await prisma.intervention.count({ where: { trace: { datasetId: ds.id }, verified: true } });
    log(
      `rollout job (runner + stage)     ${job.toFixed(2)} s  ${perSample(jobM.cpuMs)}  (${p.done} items done, ${p.failed} failed, ${stored} rollouts stored, ${verified} verified)`,
    );
    const overhead = job / baseline - 1;
    const pass = overhead < OVERHEAD_LIMIT && p.failed === 0 && stored === calls;
    log(
      `runner overhead vs client+grade loop: ${(overhead * 100).toFixed(1)}% (limit ${OVERHEAD_LIMIT * 100}%) ${pass ? "PASS" : "FAIL"}; vs client-only: ${((job / clientOnly - 1) * 100).toFixed(1)}%; CPU per sample job - baseline: ${((jobM.cpuMs - baselineCpu) / calls).toFixed(3)} ms`,
    );
    return {
      n,
      k,
      concurrency,
      perItem,
      latencyMs,
      calls,
      ideal,
      baseline,
      clientOnly,
      job,
      overhead,
      stored,
      failed: p.failed,
      pass,
      cpuMsPerSample: { job: jobM.cpuMs / calls, baseline: baselineCpu / calls, clientOnly: clientM.cpuMs / calls },
    };
  } finally {
    await stub.close();
    await closeSharedGradePool();
  }
}

/** bench/run.ts entry: one table line. */
export async function run(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const { scaled } = await import("./lib/config");
  const { runBenchChild } = await import("./propose-fixtures");
  // its own process and scratch database (this one may already have lib/db open on another file)
  const r = await runBenchChild<Awaited<ReturnType<typeof benchRolloutJob>>>(
    "bench/rollout-job.ts",
    ["--n", String(scaled(1000, 20))],
    "rollout-job",
    log,
  );
  const c = r.cpuMsPerSample;
  return {
    lines: [
      {
        bench: "Rollout job",
        metric: `${r.n} x ${r.k} continuations, ${r.concurrency * r.perItem} in flight, ${r.latencyMs} ms latency`,
        value: `${r.job.toFixed(1)} s, ${c.job.toFixed(2)} CPU ms/sample`,
        baseline: `${r.baseline.toFixed(1)} s, ${c.baseline.toFixed(2)} CPU ms/sample (client + grade loop)`,
        ratio: r.job / r.baseline,
        target: "overhead < 5%",
        pass: r.pass,
        note: `client-only loop ${r.clientOnly.toFixed(1)} s`,
      },
    ],
    raw: r,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string, d: number) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : d;
  };
  // Alone, the bench works on a scratch database so it never touches the studio's data.
  const db = join(tmpdir(), `int-bench-rollouts-${process.pid}.db`);
  process.env.DATABASE_URL = `file:${db}`;
  const cleanup = () => {
    for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(db + s, { force: true });
  };
  benchRolloutJob({
    n: arg("--n", 1000),
    k: arg("--k", 32),
    concurrency: arg("--concurrency", 16),
    perItem: arg("--per-item", 8),
    latencyMs: arg("--latency", 100),
    log: console.log,
  }).then(
    (r) => {
      console.log(JSON.stringify({ bench: "rollout-job", ...r }));
      cleanup();
      process.exit(r.pass ? 0 : 1);
    },
    (e) => {
      console.error(e);
      cleanup();
      process.exit(2);
    },
  );
}
