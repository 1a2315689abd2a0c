// On-policyness (issue 5 §3): the mean negative log-likelihood of an intervention's tokens under
// the base model, given the problem (chat-templated, as the SFT row's prompt) and the prefix.
// Pure: the tokens come from lib/core/export/trl-tokenized.tokenizeSft (the same ids the
// trl-tokenized export writes), the log-probabilities from a vLLM completions response with
// `prompt_logprobs` (vLLM returns, per prompt position, null for the first token and otherwise an
// object keyed by token id whose entry for the actual token carries `logprob`).

import type { SftTokens } from "@/lib/core/export/trl-tokenized";

export type Span = { start: number; end: number };

/** Token positions [start, end) of the intervention inside prompt + prefix + intervention. */
export function interventionSpan(
  t: Pick<SftTokens, "ids" | "promptTokens" | "prefixTokens" | "interventionTokens">,
): Span {
  const start = t.promptTokens + t.prefixTokens;
  const end = start + t.interventionTokens;
  if (end !== t.ids.length)
    throw new RangeError(`intervention span ${start}..${end} does not end at the last token (${t.ids.length})`);
  return { start, end };
}

export type LogprobFailure = { ok: false; kind: "unsupported" | "malformed"; reason: string };
export type LogprobResult = { ok: true; logprobs: number[] } | LogprobFailure;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * The log-probabilities of `ids[span]` from a completions response body. "unsupported" when the
 * server answered without prompt_logprobs (it ignored the field); "malformed" when they are there
 * but do not fit the prompt that was sent. Never throws.
 */
export function spanLogprobs(body: unknown, ids: readonly number[], span: Span): LogprobResult {
  const bad = (reason: string): LogprobFailure => ({ ok: false, kind: "malformed", reason });
  if (!isObject(body)) return bad("the response is not a JSON object");
  const choices = body.choices;
  if (!Array.isArray(choices) || choices.length === 0 || !isObject(choices[0]))
    return bad("the response has no choices[0]");
  const pl = choices[0].prompt_logprobs;
  if (pl === undefined || pl === null)
    return { ok: false, kind: "unsupported", reason: "the response has no choices[0].prompt_logprobs" };
  if (!Array.isArray(pl)) return bad("choices[0].prompt_logprobs is not an array");
  if (pl.length !== ids.length)
    return bad(`prompt_logprobs has ${pl.length} entries for a prompt of ${ids.length} tokens`);
  if (span.start < 1 || span.end > ids.length || span.start >= span.end)
    return bad(`no log-probability for token span ${span.start}..${span.end}`);
  const out: number[] = [];
  for (let i = span.start; i < span.end; i++) {
    const at = pl[i];
    if (!isObject(at))
      return bad(`prompt_logprobs[${i}] is ${at === null ? "null" : typeof at}, not an object keyed by token id`);
    const entry = at[String(ids[i])];
    if (!isObject(entry))
      return bad(
        `prompt_logprobs[${i}] has no entry for the prompt's token id ${ids[i]} (was the prompt tokenized differently?)`,
      );
    const lp = entry.logprob;
    // log-probabilities are <= 0; allow float noise just above
    if (typeof lp !== "number" || !Number.isFinite(lp) || lp > 1e-6)
      return bad(`prompt_logprobs[${i}][${ids[i]}].logprob is ${JSON.stringify(lp)}, not a finite log-probability`);
    out.push(lp);
  }
  return { ok: true, logprobs: out };
}

/** -mean(logprob): nats per token. */
export function meanNll(logprobs: readonly number[]): number {
  if (logprobs.length === 0) throw new RangeError("mean NLL of zero tokens");
  let s = 0;
  for (const lp of logprobs) s += lp;
  const m = -s / logprobs.length;
  return m === 0 ? 0 : m; // no -0
}

/** What an edit writes over the score (lib/data/interventions.ts, undo in lib/data/audit.ts): the score measured other text. */
export const NLL_CLEARED = { nllMean: null, nllTokens: null, nllModel: null, nllAt: null } as const;

export const UNSUPPORTED_MESSAGE =
  "this model server does not return prompt log-probabilities (vLLM's prompt_logprobs); on-policyness cannot be computed";

/** Whether a refused request means "this server cannot do prompt_logprobs" rather than "this prompt failed". */
export function isUnsupportedRefusal(status: number, message: string): boolean {
  // no /v1/completions route (a 404 about the model name is a configuration error, not this)
  if (status === 405 || status === 501 || (status === 404 && !/model/i.test(message))) return true;
  if (status !== 400 && status !== 422) return false;
  return /prompt[_ ]logprobs|unrecognized request argument|extra (inputs|fields)|not permitted|unknown (field|parameter)/i.test(
    message,
  );
}
