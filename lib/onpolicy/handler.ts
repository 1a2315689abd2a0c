import { paramsPerJob } from "@/lib/jobs/params-per-job";
import { guidedParts } from "@/lib/core/guided";
import { splitSteps } from "@/lib/core/steps";
import { tokenizeSft, type SftEncoder } from "@/lib/core/export/trl-tokenized";
import { interventionSpan, meanNll, spanLogprobs, UNSUPPORTED_MESSAGE } from "@/lib/core/onpolicy/nll";
import { jobStatus } from "@/lib/data/job-store";
import type { ItemContext, JobHandler } from "@/lib/jobs/types";
import { modelError } from "@/lib/model/errors";
import { cachedModelConfig } from "@/lib/model/settings";
import type { ChatTemplateName } from "@/lib/tokens/chat";
import { sftEncoder } from "@/lib/tokens/sft-encoder";
import { requestPromptLogprobs, UnsupportedError } from "./client";
import { OnpolicyParams } from "./params";
import { planOnpolicy } from "@/lib/data/onpolicy-select";
import { failJob, scoreTarget, writeScore } from "@/lib/data/onpolicy-store";

// The "onpolicy" stage as a JobHandler: an item = one intervention. Its SFT row (the problem
// chat-templated as the prompt, then prefix + intervention: the trl-tokenized export's ids) is
// sent to the model server, and the mean NLL of the intervention's tokens is written on the
// intervention. A server without prompt_logprobs fails the whole job with one clear message
// (and nothing is written); a malformed answer fails its item with the reason.

const encoders = new Map<string, Promise<SftEncoder>>();
function encoder(template: ChatTemplateName): Promise<SftEncoder> {
  let e = encoders.get(template);
  if (!e) {
    e = sftEncoder(template);
    e.catch(() => encoders.delete(template));
    encoders.set(template, e);
  }
  return e;
}

const paramsOf = paramsPerJob((raw) => OnpolicyParams.parse(raw));

/** Jobs that already learned the server cannot score: their other items do not ask again. */
const unsupported = new Set<string>();

export const onpolicyHandler: JobHandler = {
  kind: "onpolicy",
  async plan(params, datasetId) {
    return planOnpolicy(OnpolicyParams.parse(params), datasetId);
  },
  async runItem(payload, ctx: ItemContext) {
    const p = paramsOf(ctx.params, ctx.jobId);
    if (unsupported.has(ctx.jobId)) {
      // items claimed before the job was stopped; a resumed job (status running again) asks anew
      if ((await jobStatus(ctx.jobId)) !== "running") throw new Error(UNSUPPORTED_MESSAGE);
      unsupported.delete(ctx.jobId);
    }
    const t = await scoreTarget(String(payload.interventionId));
    if (!t) return { skipped: "intervention no longer exists" };
    if (
      t.nllMean !== null &&
      t.nllModel === p.model &&
      (p.scope === "unscored" || (t.nllAt && t.nllAt.toISOString() >= p.since))
    ) {
      return { skipped: "already scored", nllMean: t.nllMean };
    }
    const n = splitSteps(t.text).length;
    if (!Number.isInteger(t.location) || t.location < 1 || t.location > n)
      return { skipped: `location ${t.location} is outside steps 1..${n}` };
    const enc = await encoder(p.template);
    const parts = guidedParts(t.text, t.location, t.content);
    const tok = tokenizeSft(enc.prompt(t.statement), parts.prefix, parts.intervention, enc.codec);
    if (!tok.ok) return { skipped: tok.reason.replaceAll("_", " ") };
    if (tok.value.interventionTokens === 0) return { skipped: "the intervention has no tokens" };
    const span = interventionSpan(tok.value);

    const cfg = await cachedModelConfig();
    if (!cfg.baseUrl)
      throw modelError("no model endpoint configured (MODEL_BASE_URL or /settings)", { kind: "not-configured" });
    let body: unknown;
    try {
      body = await requestPromptLogprobs(
        { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, timeoutMs: cfg.timeoutMs },
        p.model,
        tok.value.ids,
        ctx.signal,
      );
    } catch (e) {
      if (e instanceof UnsupportedError) return stopJob(ctx.jobId, e.detail);
      throw e;
    }
    const lp = spanLogprobs(body, tok.value.ids, span);
    if (!lp.ok && lp.kind === "unsupported") return stopJob(ctx.jobId, lp.reason);
    if (!lp.ok) throw new Error(`malformed prompt_logprobs from the model server: ${lp.reason}`);
    const score = { nllMean: meanNll(lp.logprobs), nllTokens: lp.logprobs.length, nllModel: p.model };
    if (!(await writeScore(t, score))) return { skipped: "the intervention changed while it was scored" };
    return { ...score, promptTokens: tok.value.promptTokens, prefixTokens: tok.value.prefixTokens };
  },
};

async function stopJob(jobId: string, detail: string): Promise<never> {
  unsupported.add(jobId);
  if (unsupported.size > 200) unsupported.delete(unsupported.values().next().value as string);
  await failJob(jobId, UNSUPPORTED_MESSAGE);
  throw new Error(`${UNSUPPORTED_MESSAGE} (${detail})`);
}
