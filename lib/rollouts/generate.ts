import { ROLLOUT_PRED_MODE } from "@/lib/core/grade/version";
import type { RolloutPrompt } from "@/lib/core/rollouts/conditions";
import { sharedGradePool } from "@/lib/grade/shared-pool";
import { chatComplete, type Endpoint } from "@/lib/model/client";
import type { Sampling } from "@/lib/model/sampling";

// One sample: the model continues the prompt, the continuation is graded against the problem's
// answer. Only the continuation is graded (predMode "solution"): the start text never holds the
// final answer (the leakage filter of method.md §5 drops interventions that contain it), so the
// answer a rollout reaches is the one it writes itself.

export type Graded = {
  text: string;
  verdict: string;
  extracted: string | null;
  method: string | null;
  correct: boolean;
  meta: { finishReason: string | null; usage: unknown; reason?: string };
};

export async function sampleAndGrade(
  ep: Endpoint,
  model: string,
  prompt: RolloutPrompt,
  sampling: Sampling,
  gold: string,
  signal?: AbortSignal,
): Promise<Graded> {
  const r = await chatComplete(ep, model, prompt.messages, sampling, { signal, extraBody: prompt.extraBody });
  const v = await sharedGradePool().grade({ gold, pred: r.text, predMode: ROLLOUT_PRED_MODE });
  return {
    text: r.text,
    verdict: v.verdict,
    extracted: v.extracted,
    method: v.method ?? null,
    correct: v.verdict === "equal",
    meta: { finishReason: r.finishReason, usage: r.usage, ...(v.reason ? { reason: v.reason } : {}) },
  };
}
