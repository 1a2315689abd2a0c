import { planSamples } from "@/lib/data/sample-select";
import { sampleProblem, upsertSampledTrace } from "@/lib/data/sample-store";
import { continuationPrompt } from "@/lib/core/rollouts/conditions";
import type { ItemContext, JobHandler } from "@/lib/jobs/types";
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

export const sampleHandler: JobHandler = {
  kind: "sample",
  async plan(params, datasetId) {
    return planSamples(SampleParams.parse(params), datasetId);
  },
  async runItem(payload, ctx: ItemContext) {
    const p = SampleParams.parse(ctx.params);
    const problem = await sampleProblem(String(payload.problemId));
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
