import { guidedParts } from "../guided";
import { guidedAttemptFor } from "./int";
import type { BuildResult, InterventionExportInput } from "./types";

// Token-exact SFT rows (method.md §8) for TRL or any trainer taking pre-tokenized data:
// input_ids = prompt tokens (chat template: user turn + assistant header) + response tokens
// (the guided attempt: prefix + intervention), labels = -100 on the prompt, the ids on the
// response, and NOTHING after the response: no <|im_end|>, no <|endoftext|>.
// Pure: the tokenizer and the rendered prompt come in through `SftEncoder`.

export const IGNORE_INDEX = -100;
/** Qwen3's <|endoftext|> and <|im_end|>: never in a response. */
export const END_TOKEN_IDS: readonly number[] = [151643, 151645];

export type TokenCodec = {
  encode(text: string): number[];
  decode(ids: number[]): string;
  /** Per-token text with pieces.join("") === decode(ids). */
  pieces(ids: number[]): string[];
};

export type SftEncoder = {
  template: string;
  codec: TokenCodec;
  /** The rendered prompt (user turn + generation prompt) and its ids; callers cache it. */
  prompt(problem: string): { text: string; ids: number[] };
};

export type TrlTokenizedRow = {
  input_ids: number[];
  labels: number[];
  /** TRL's SFTTrainer builds its labels from this mask (1 = trained); `labels` for plain Trainer. */
  completion_mask: number[];
  intervention_id: string;
  trace_id: string;
  problem_id: string;
  template: string;
  num_prompt_tokens: number;
  num_prefix_tokens: number;
  num_intervention_tokens: number;
};

export type SftTokens = {
  ids: number[];
  promptTokens: number;
  prefixTokens: number;
  interventionTokens: number;
  /** "separate": prompt, prefix, intervention encoded apart (proved equal to the joint encoding). */
  method: "separate" | "joint";
};

type TokResult =
  | { ok: true; value: SftTokens }
  | { ok: false; reason: "empty_response" | "end_token_in_response" | "boundary_straddles_token" };

/**
 * Encoding a + b apart equals encoding a + b at once when `a` ends with a newline and `b`
 * starts with a non-space: Qwen's pre-tokenizer regex then always ends a chunk at the
 * newline (`\s*[\r\n]+` and ` ?[^\s\p{L}\p{N}]+[\r\n]*` stop before a non-space, no
 * alternative crosses from whitespace into it), no special token contains a newline, and NFC
 * never composes across a newline. The test suite checks this on every ProcessBench trace.
 */
export function junctionSafe(a: string, b: string): boolean {
  return a === "" || b === "" || (/[\r\n]$/.test(a) && /^\S/u.test(b));
}

/** Tokens of prompt + prefix + intervention with the counts of each part. */
export function tokenizeSft(
  prompt: { text: string; ids: number[] },
  prefix: string,
  intervention: string,
  codec: TokenCodec,
): TokResult {
  const response = prefix + intervention;
  if (response === "") return { ok: false, reason: "empty_response" };
  let value: SftTokens;
  if (junctionSafe(prompt.text, response) && junctionSafe(prefix, intervention)) {
    const p = codec.encode(prefix);
    const iv = codec.encode(intervention);
    value = {
      ids: [...prompt.ids, ...p, ...iv],
      promptTokens: prompt.ids.length,
      prefixTokens: p.length,
      interventionTokens: iv.length,
      method: "separate",
    };
  } else {
    // Tokenize the full text once and find the boundaries by the text each token decodes to.
    const ids = codec.encode(prompt.text + response);
    const n = prompt.ids.length;
    if (ids.length < n || prompt.ids.some((id, i) => ids[i] !== id))
      return { ok: false, reason: "boundary_straddles_token" };
    const pieces = codec.pieces(ids.slice(n));
    let chars = 0;
    let prefixTokens = 0;
    while (prefixTokens < pieces.length && chars + pieces[prefixTokens].length <= prefix.length)
      chars += pieces[prefixTokens++].length;
    value = { ids, promptTokens: n, prefixTokens, interventionTokens: ids.length - n - prefixTokens, method: "joint" };
  }
  for (let i = value.promptTokens; i < value.ids.length; i++) {
    if (END_TOKEN_IDS.includes(value.ids[i])) return { ok: false, reason: "end_token_in_response" };
  }
  if (value.ids.length === value.promptTokens) return { ok: false, reason: "empty_response" };
  return { ok: true, value };
}

/** Throws when a row breaks the InT form: a bug, never bad input (that is skipped before). */
export function assertTrlTokenizedRow(
  r: Pick<TrlTokenizedRow, "input_ids" | "labels" | "completion_mask" | "num_prompt_tokens">,
): void {
  const n = r.input_ids.length;
  if (r.labels.length !== n || r.completion_mask.length !== n)
    throw new Error("trl-tokenized: labels/mask length differs from input_ids");
  if (n === 0 || END_TOKEN_IDS.includes(r.input_ids[n - 1]))
    throw new Error("trl-tokenized: row ends with an end-of-turn/end-of-text token");
  for (let i = 0; i < n; i++) {
    const trained = i >= r.num_prompt_tokens;
    if (r.labels[i] !== (trained ? r.input_ids[i] : IGNORE_INDEX) || r.completion_mask[i] !== (trained ? 1 : 0)) {
      throw new Error(`trl-tokenized: mask boundary broken at token ${i}`);
    }
  }
}

export function buildTrlTokenizedRow(input: InterventionExportInput, enc: SftEncoder): BuildResult<TrlTokenizedRow> {
  const g = guidedAttemptFor(input);
  if (!g.ok) return g;
  const { trace, intervention: iv, problem } = input;
  const parts = guidedParts(trace.text, iv.location, iv.content);
  const t = tokenizeSft(enc.prompt(problem.statement), parts.prefix, parts.intervention, enc.codec);
  if (!t.ok) return t;
  const { ids, promptTokens } = t.value;
  const labels = new Array<number>(ids.length);
  const mask = new Array<number>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const trained = i >= promptTokens;
    labels[i] = trained ? ids[i] : IGNORE_INDEX;
    mask[i] = trained ? 1 : 0;
  }
  const row: TrlTokenizedRow = {
    input_ids: ids,
    labels,
    completion_mask: mask,
    intervention_id: iv.id,
    trace_id: trace.id,
    problem_id: problem.id,
    template: enc.template,
    num_prompt_tokens: promptTokens,
    num_prefix_tokens: t.value.prefixTokens,
    num_intervention_tokens: t.value.interventionTokens,
  };
  assertTrlTokenizedRow(row);
  return { ok: true, row };
}
