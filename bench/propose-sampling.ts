// Issue 12 §3: what the reference's sampling structure saves. The same propose job (K proposals
// per trace) runs twice against the bench's stub thread: "independent" (K turn-1 solutions, each
// with its own turn 2: the studio's old structure) and "shared" (one turn 1, then one turn 2 with
// n=K: the reference's). The stub counts requests and the tokens its usage reports (4 characters a
// token); per trace: requests, generated (completion) tokens, processed prompt tokens.
// Part of bench/propose-job.ts (same child process, same scratch database).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { meter, seedTraces } from "./propose-fixtures";

export type ModeCost = {
  mode: "independent" | "shared";
  traces: number;
  k: number;
  seconds: number;
  requests: number;
  completionTokens: number;
  promptTokens: number;
  proposals: number;
  parsed: number;
};
export type SamplingBench = {
  k: number;
  traces: number;
  before: ModeCost;
  after: ModeCost;
  perTrace: { requests: [number, number]; completionTokens: [number, number]; promptTokens: [number, number] };
  ratio: { requests: number; completionTokens: number };
  pass: { requests: boolean; completionTokens: boolean; sameProposals: boolean };
};

type Deps = {
  prisma: PrismaClient;
  /** the bench's stub thread, already the job's endpoint (phase 2) */
  stubUrl: string;
  createJob: (x: {
    kind: string;
    params: Record<string, unknown>;
    datasetId: string;
    createdBy: string;
  }) => Promise<{ jobId: string }>;
  runJobToCompletion: (
    jobId: string,
  ) => Promise<{ status: string; done: number; failed: number; error: string | null }>;
  resolveProposeParams: (x: Record<string, unknown>) => Promise<Record<string, unknown>>;
  baseUrlKey: string;
};

type StubCounts = { count: number; tokens: { prompt: number; completion: number } };
const countsOf = async (url: string) =>
  (await (await fetch(`${url.replace(/\/v1$/, "")}/__stub/requests`)).json()) as StubCounts;

// Both modes talk to the same stub (the job's endpoint setting is cached for a few seconds, so a
// second stub URL could reach a job late); its counters are read before and after each job.
async function runMode(
  d: Deps,
  stubUrl: string,
  mode: "independent" | "shared",
  traces: number,
  k: number,
  concurrency: number,
): Promise<ModeCost> {
  const datasetId = await seedTraces(d.prisma, traces);
  const params = { ...(await d.resolveProposeParams({ k, model: "stub-model", turn1: mode })), concurrency };
  const c0 = await countsOf(stubUrl);
  const m = meter();
  const { jobId } = await d.createJob({ kind: "propose", params, datasetId, createdBy: "bench" });
  const r = await d.runJobToCompletion(jobId);
  const seconds = m().seconds;
  if (r.status !== "done" || r.failed)
    throw new Error(`${mode} job ended ${r.status} with ${r.failed} failed item(s)${r.error ? `: ${r.error}` : ""}`);
  const c1 = await countsOf(stubUrl);
  const proposals = await d.prisma.proposal.count({ where: { trace: { datasetId } } });
  const parsed = await d.prisma.proposal.count({ where: { trace: { datasetId }, parseOk: true } });
  return {
    mode,
    traces,
    k,
    seconds,
    requests: c1.count - c0.count,
    completionTokens: c1.tokens.completion - c0.tokens.completion,
    promptTokens: c1.tokens.prompt - c0.tokens.prompt,
    proposals,
    parsed,
  };
}

export async function benchSamplingStructure(
  d: Deps,
  o: { traces: number; k: number; concurrency: number; log: (s: string) => void },
): Promise<SamplingBench> {
  await d.prisma.setting.upsert({
    where: { key: d.baseUrlKey },
    create: { key: d.baseUrlKey, value: d.stubUrl },
    update: { value: d.stubUrl },
  });
  const before = await runMode(d, d.stubUrl, "independent", o.traces, o.k, o.concurrency);
  const after = await runMode(d, d.stubUrl, "shared", o.traces, o.k, o.concurrency);
  const per = (x: number) => x / o.traces;
  const perTrace = {
    requests: [per(before.requests), per(after.requests)] as [number, number],
    completionTokens: [per(before.completionTokens), per(after.completionTokens)] as [number, number],
    promptTokens: [per(before.promptTokens), per(after.promptTokens)] as [number, number],
  };
  const ratio = {
    requests: after.requests / before.requests,
    completionTokens: after.completionTokens / before.completionTokens,
  };
  // shared: 2 requests per trace instead of 2K; generated tokens t1 + K*t2 instead of K*(t1 + t2)
  const pass = {
    requests: per(after.requests) === 2 && per(before.requests) === 2 * o.k,
    completionTokens:
      after.proposals === before.proposals &&
      after.completionTokens > 0 &&
      after.completionTokens < before.completionTokens,
    sameProposals:
      after.proposals === before.proposals && after.proposals === o.traces * o.k && after.parsed === before.parsed,
  };
  for (const c of [before, after]) {
    o.log(
      `${c.mode.padEnd(12)} ${c.traces} traces x K=${c.k}: ${c.requests} requests (${per(c.requests).toFixed(2)}/trace), ${per(c.completionTokens).toFixed(0)} generated + ${per(c.promptTokens).toFixed(0)} prompt tokens/trace, ${c.proposals} proposals (${c.parsed} parsed), ${c.seconds.toFixed(2)} s`,
    );
  }
  o.log(
    `shared/independent: requests ${ratio.requests.toFixed(3)}, generated tokens ${ratio.completionTokens.toFixed(3)}`,
  );
  return { k: o.k, traces: o.traces, before, after, perTrace, ratio, pass };
}
