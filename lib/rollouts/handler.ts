import { paramsPerJob } from "@/lib/jobs/params-per-job";
import { interventionTarget, problemTarget } from "@/lib/data/rollout-targets";
import { continuationPrompt, isCondition, rolloutPrompt, type RolloutPrompt } from "@/lib/core/rollouts/conditions";
import { sha256 } from "@/lib/core/hash";
import type { ItemContext, JobHandler } from "@/lib/jobs/types";
import { modelError } from "@/lib/model/errors";
import { cachedModelConfig } from "@/lib/model/settings";
import { RolloutParams } from "./params";
import { planRollouts } from "@/lib/data/rollout-select";
import { runSamples, shareOf } from "./run-samples";
import { finishInterventionItemSync } from "@/lib/data/rollout-store";

// The rollouts stage (method.md §6-7) as a JobHandler: an item = K continuations of one
// condition for one intervention (or, for "problem" on a dataset run, one problem). Stored per
// sample, keyed (jobItemId, sample); the keep filter is refreshed after each intervention item.

type Target = {
  prompt: RolloutPrompt;
  problemId: string;
  traceId: string | null;
  interventionId: string | null;
  gold: string;
  /** the intervention as the prompt was built from it (null for problem-only items) */
  source: { location: number; content: string } | null;
};

export async function target(payload: Record<string, unknown>): Promise<Target | string> {
  const condition = payload.condition;
  if (!isCondition(condition)) return `unknown condition ${String(condition)}`;
  if (typeof payload.interventionId !== "string") {
    const problemId = String(payload.problemId);
    const problem = await problemTarget(problemId);
    if (!problem) return "problem no longer exists";
    return {
      prompt: continuationPrompt(problem.statement, ""),
      problemId: problem.id,
      traceId: null,
      interventionId: null,
      gold: problem.answer,
      source: null,
    };
  }
  // one joined read on the stage connection (the per-item hot path of a 1,000 x 32 job)
  const row = await interventionTarget(payload.interventionId);
  if (!row) return "intervention no longer exists";
  const source = { problem: row.statement, attempt: row.text, location: Number(row.location), content: row.content };
  let prompt: RolloutPrompt;
  try {
    prompt = rolloutPrompt(condition, source);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return {
    prompt,
    problemId: row.problemId,
    traceId: row.traceId,
    interventionId: row.id,
    gold: row.answer,
    source: { location: source.location, content: source.content },
  };
}

const paramsOf = paramsPerJob((raw) => RolloutParams.parse(raw));

export const rolloutsHandler: JobHandler = {
  kind: "rollouts",
  async plan(params, datasetId) {
    return planRollouts(RolloutParams.parse(params), datasetId);
  },
  async runItem(payload, ctx: ItemContext) {
    const p = paramsOf(ctx.params, ctx.jobId);
    const t = await target(payload);
    if (typeof t === "string") return { skipped: t };
    const cfg = await cachedModelConfig();
    if (!cfg.baseUrl)
      throw modelError("no model endpoint configured (MODEL_BASE_URL or /settings)", { kind: "not-configured" });
    const condition = String(payload.condition);
    const source = t.interventionId && t.source ? { id: t.interventionId, was: t.source } : null;
    // Edited while its samples ran: they continue the old text, which the edit already marked
    // stale; keeping them would "prove" the new text with the old one's rollouts. Checked (and the
    // keep filter refreshed) in the transaction of the item's last rows.
    const { finished: end, ...res } = await runSamples(
      {
        endpoint: { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, timeoutMs: cfg.timeoutMs },
        model: p.model,
        sampling: p.sampling,
        prompt: t.prompt,
        gold: t.gold,
        count: p.k,
        perItem: p.perItem,
        jobItemId: ctx.itemId,
        signal: ctx.signal,
        share: shareOf(ctx, p.perItem, p.k),
        row: { problemId: t.problemId, traceId: t.traceId, interventionId: t.interventionId, condition },
        meta: { startHash: sha256(t.prompt.start), startChars: t.prompt.start.length, ...t.prompt.extraBody },
      },
      () =>
        source
          ? finishInterventionItemSync(
              source.id,
              ctx.itemId,
              source.was,
              condition === "intervention" ? { minCorrect: p.minCorrect } : null,
            )
          : null,
    );
    if (!source) return { condition, ...res };
    if (end === "edited")
      return { skipped: "the intervention was edited while rolling out; samples of the old text were discarded" };
    return { condition, ...res, ...(end ? { verified: end.verified } : {}) };
  },
};
