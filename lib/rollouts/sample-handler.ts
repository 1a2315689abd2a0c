import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { countSteps } from "@/lib/core/steps";
import { continuationPrompt } from "@/lib/core/rollouts/conditions";
import type { ItemContext, JobHandler, PlannedItem } from "@/lib/jobs/types";
import { modelError } from "@/lib/model/errors";
import { cachedModelConfig } from "@/lib/model/settings";
import { SampleParams } from "./params";
import { runSamples, shareOf } from "./run-samples";

// The "sample" stage (method.md §1): N attempts per problem from the problem alone, graded; the
// incorrect ones become traces to curate (origin "sampled", generator = model, correct = false).
// The job's `endpoint` ("model" or "trained") says which server answers; generator = its model name.
// Every attempt is also stored as a Rollout of condition "attempt" (jobItemId, sample), which
// makes the stage idempotent and gives pass@k per problem.

export const ATTEMPT_CONDITION = "attempt";

export async function planSamples(p: SampleParams, datasetId: string | null): Promise<PlannedItem[]> {
  if (!datasetId && !p.problemIds) return [];
  const rows = await prisma.problem.findMany({
    where: {
      ...(datasetId ? { datasetId } : {}),
      ...(p.problemIds ? { id: { in: p.problemIds } } : {}),
      ...(p.withoutTraces ? { traces: { none: {} } } : {}),
    },
    select: { id: true },
    orderBy: { id: "asc" },
    take: p.limit,
  });
  return rows.map((r) => ({ key: `attempt:${r.id}`, payload: { problemId: r.id } }));
}

/** The trace of an incorrect attempt; the same text sampled twice is one trace. */
export async function upsertSampledTrace(
  problem: { id: string; datasetId: string },
  generator: string,
  text: string,
): Promise<string> {
  const contentHash = sha256(generator, text);
  const t = await prisma.trace.upsert({
    where: { problemId_contentHash: { problemId: problem.id, contentHash } },
    create: {
      datasetId: problem.datasetId,
      problemId: problem.id,
      text,
      generator,
      origin: "sampled",
      correct: false,
      stepCount: countSteps(text),
      contentHash,
    },
    update: {},
    select: { id: true },
  });
  return t.id;
}

export const sampleHandler: JobHandler = {
  kind: "sample",
  async plan(params, datasetId) {
    return planSamples(SampleParams.parse(params), datasetId);
  },
  async runItem(payload, ctx: ItemContext) {
    const p = SampleParams.parse(ctx.params);
    const problem = await prisma.problem.findUnique({
      where: { id: String(payload.problemId) },
      select: { id: true, datasetId: true, statement: true, answer: true },
    });
    if (!problem) return { skipped: "problem no longer exists" };
    const cfg = await cachedModelConfig(p.endpoint);
    if (!cfg.baseUrl) {
      const where =
        p.endpoint === "trained"
          ? 'TRAINED_MODEL_BASE_URL or "Trained model" on /settings'
          : "MODEL_BASE_URL or /settings";
      throw modelError(`no ${p.endpoint === "trained" ? "trained model" : "model"} endpoint configured (${where})`, {
        kind: "not-configured",
      });
    }
    let traces = 0;
    const res = await runSamples({
      endpoint: { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, timeoutMs: cfg.timeoutMs },
      model: p.model,
      sampling: p.sampling,
      prompt: continuationPrompt(problem.statement, ""),
      gold: problem.answer,
      count: p.n,
      perItem: p.perItem,
      jobItemId: ctx.itemId,
      signal: ctx.signal,
      share: shareOf(ctx, p.perItem, p.n),
      row: { problemId: problem.id, traceId: null, interventionId: null, condition: ATTEMPT_CONDITION },
      decorate: async (g) => {
        if (g.correct) return {};
        traces++;
        return { traceId: await upsertSampledTrace(problem, p.model, g.text) };
      },
    });
    return { ...res, incorrect: res.samples - res.correct, tracesCreated: traces };
  },
};
