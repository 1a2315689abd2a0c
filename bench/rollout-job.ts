// Issue 4 §4: a rollout job of 1,000 interventions x 32 continuations against the stub model
// server (fixed latency), through the job runner, compared with bare loops at the same number of
// calls in flight (runner concurrency x perItem), measured in the same run:
//   baseline     the same client call + the same grading pool per sample, no runner, no storage
//   client-only  the client call alone (for information: what grading costs)
// Pass: the job's wall time is within 5% of the baseline (runner overhead < 5%).
//   npx tsx bench/rollout-job.ts [--n 1000] [--k 32] [--concurrency 16] [--per-item 8] [--latency 100]
// For bench/run.ts: run(log) -> { lines, raw }.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchLine } from "./lib/result";

export type RolloutBenchOptions = { n?: number; k?: number; concurrency?: number; perItem?: number; latencyMs?: number; log?: (s: string) => void };
export const OVERHEAD_LIMIT = 0.05;

async function pool(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await work(next++);
  }));
}

const REPLIES = ["\n\nSo the answer is \\boxed{5}.", "\n\nSo the answer is \\boxed{6}.", "\n\nI think it is five.", "\n\nThus $\\frac{10}{2}$, i.e. \\boxed{\\frac{10}{2}}."];

export async function benchRolloutJob(o: RolloutBenchOptions = {}) {
  const n = o.n ?? 1000, k = o.k ?? 32, concurrency = o.concurrency ?? 16, perItem = o.perItem ?? 8, latencyMs = o.latencyMs ?? 100;
  const log = o.log ?? (() => {});
  const width = concurrency * perItem;
  const [{ startStubModel }, { prisma }, { sha256 }, { runJobToCompletion }, { chatComplete }, { sharedGradePool, closeSharedGradePool }, { writeModelSettings }, { startRolloutsJob }, { continuationPrompt }] =
    await Promise.all([
      import("@/e2e/stub-model/server"), import("@/lib/db"), import("@/lib/core/hash"), import("@/lib/jobs/run-to-completion"),
      import("@/lib/model/client"), import("@/lib/grade/shared-pool"), import("@/lib/model/settings"), import("@/lib/rollouts/start"),
      import("@/lib/core/rollouts/conditions"),
    ]);
  let r = 0;
  const stub = await startStubModel({ latencyMs, respond: () => ({ kind: "text", text: REPLIES[r++ % REPLIES.length] }) });
  try {
    await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
    const ds = await prisma.dataset.create({ data: { name: `bench-rollouts-${Date.now()}` } });
    const problems = Math.max(1, Math.ceil(n / 10));
    for (let p = 0; p < problems; p++) {
      const statement = `Bench problem ${p}: what is 2+3?`;
      const pr = await prisma.problem.create({ data: { datasetId: ds.id, statement, answer: "5", contentHash: sha256(statement) } });
      const text = `Step one of ${p}.\n\nWe get 2+3=6.\n\nSo \\boxed{6}.`;
      const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: pr.id, text, stepCount: 3, contentHash: sha256("", text) } });
      const count = Math.min(10, n - p * 10);
      await prisma.intervention.createMany({
        data: Array.from({ length: count }, (_, j) => ({ traceId: t.id, location: 2, content: `Recompute ${p}-${j}: 2+3 is five.`, status: "accepted", origin: "human", contentHash: sha256("2", `${p}-${j}`) })),
      });
    }
    const pool0 = sharedGradePool();
    await pool0.ready();
    const ep = { baseUrl: stub.url, apiKey: "none" };
    const sampling = { temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16384 };
    const prompt = continuationPrompt("Bench problem: what is 2+3?", "Step one.\n\nRecompute: 2+3 is five.");
    const calls = n * k;
    const ideal = (calls * latencyMs) / 1000 / width;
    log(`${n} interventions x ${k} = ${calls} calls, ${width} in flight (${concurrency} items x ${perItem}), latency ${latencyMs} ms; ideal ${ideal.toFixed(1)} s`);
    await pool(width, width, () => chatComplete(ep, "stub-model", prompt.messages, sampling, { extraBody: prompt.extraBody }).then(() => {})); // warm-up

    let t0 = performance.now();
    await pool(calls, width, async () => {
      const res = await chatComplete(ep, "stub-model", prompt.messages, sampling, { extraBody: prompt.extraBody });
      await pool0.grade({ gold: "5", pred: res.text, predMode: "solution" });
    });
    const baseline = (performance.now() - t0) / 1000;
    log(`baseline (client + grade loop)   ${baseline.toFixed(2)} s`);

    t0 = performance.now();
    await pool(calls, width, async () => {
      await chatComplete(ep, "stub-model", prompt.messages, sampling, { extraBody: prompt.extraBody });
    });
    const clientOnly = (performance.now() - t0) / 1000;
    log(`client-only loop                 ${clientOnly.toFixed(2)} s`);

    t0 = performance.now();
    const started = await startRolloutsJob({ datasetId: ds.id, k, perItem, concurrency, actor: "bench", model: "stub-model" });
    if (!started.ok) throw new Error(started.error);
    const p = await runJobToCompletion(started.jobId, { progressMs: 10_000, onProgress: (x) => log(`  rollout job ${x.done + x.failed}/${x.total}`) });
    const job = (performance.now() - t0) / 1000;
    const stored = await prisma.rollout.count({ where: { problem: { datasetId: ds.id } } });
    const verified = await prisma.intervention.count({ where: { trace: { datasetId: ds.id }, verified: true } });
    log(`rollout job (runner + stage)     ${job.toFixed(2)} s  (${p.done} items done, ${p.failed} failed, ${stored} rollouts stored, ${verified} verified)`);
    const overhead = job / baseline - 1;
    const pass = overhead < OVERHEAD_LIMIT && p.failed === 0 && stored === calls;
    log(`runner overhead vs client+grade loop: ${(overhead * 100).toFixed(1)}% (limit ${OVERHEAD_LIMIT * 100}%) ${pass ? "PASS" : "FAIL"}; vs client-only: ${((job / clientOnly - 1) * 100).toFixed(1)}%`);
    return { n, k, concurrency, perItem, latencyMs, calls, ideal, baseline, clientOnly, job, overhead, stored, failed: p.failed, pass };
  } finally {
    await stub.close();
    await closeSharedGradePool();
  }
}

/** bench/run.ts entry: one table line. */
export async function run(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const { scaled, tempDb, removeDb } = await import("./lib/config");
  const db = tempDb("rollouts");
  process.env.DATABASE_URL = db.url; // read when lib/db is first imported (below, in benchRolloutJob)
  const r = await benchRolloutJob({ n: scaled(1000, 20), log }).finally(() => removeDb(db.path));
  return {
    lines: [{
      bench: "Rollout job", metric: `${r.n} x ${r.k} continuations, ${r.concurrency * r.perItem} in flight, ${r.latencyMs} ms latency`,
      value: `${r.job.toFixed(1)} s`, baseline: `${r.baseline.toFixed(1)} s (client + grade loop)`, ratio: r.job / r.baseline,
      target: "overhead < 5%", pass: r.pass, note: `client-only loop ${r.clientOnly.toFixed(1)} s`,
    }],
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
  const cleanup = () => { for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(db + s, { force: true }); };
  benchRolloutJob({ n: arg("--n", 1000), k: arg("--k", 32), concurrency: arg("--concurrency", 16), perItem: arg("--per-item", 8), latencyMs: arg("--latency", 100), log: console.log })
    .then((r) => {
      console.log(JSON.stringify({ bench: "rollout-job", ...r }));
      cleanup();
      process.exit(r.pass ? 0 : 1);
    }, (e) => {
      console.error(e);
      cleanup();
      process.exit(2);
    });
}
