import { z } from "zod";
import type { ChatMessage } from "@/lib/core/prompts/render";
import type { Sampling } from "@/lib/model/sampling";

// OpenAI Batch JSONL, as vLLM's `run_batch` entry point and OpenAI-compatible batch services read
// and write it. Request line: {custom_id, method: "POST", url: "/v1/chat/completions", body}.
// Result line: {id, custom_id, response: {status_code, request_id, body: <chat completion>}, error}.
// custom_id = "<batchId>:<stage>:<traceId>:<sample>" ties a result to its proposal. In a batch
// with a shared turn 1 (the default) there is one solve line per trace (sample 0) and one verify
// line per trace with n = the samples still pending; its choices fill those samples in order.

export type Stage = "solve" | "verify";

export type RequestLine = {
  custom_id: string;
  method: "POST";
  url: "/v1/chat/completions";
  body: Record<string, unknown>;
};

/** `n` > 1: that many samples share the prompt (a shared-turn-1 verify line holds the K proposals). */
export function requestLine(customId: string, model: string, messages: ChatMessage[], s: Sampling, n = 1): RequestLine {
  return {
    custom_id: customId,
    method: "POST",
    url: "/v1/chat/completions",
    body: {
      model,
      messages,
      ...(n > 1 ? { n } : {}),
      temperature: s.temperature,
      top_p: s.top_p,
      top_k: s.top_k,
      max_tokens: s.max_tokens,
    },
  };
}

export type CustomId = { batchId: string; stage: Stage; traceId: string; sample: number };

export const formatCustomId = (c: CustomId) => `${c.batchId}:${c.stage}:${c.traceId}:${c.sample}`;

export function parseCustomId(s: unknown): CustomId | null {
  if (typeof s !== "string") return null;
  const m = /^([A-Za-z0-9_-]+):(solve|verify):([A-Za-z0-9_-]+):(\d+)$/.exec(s);
  return m ? { batchId: m[1], stage: m[2] as Stage, traceId: m[3], sample: Number(m[4]) } : null;
}

const ResultLine = z.object({
  custom_id: z.string(),
  response: z
    .object({ status_code: z.number().optional(), body: z.unknown().optional(), choices: z.unknown().optional() })
    .passthrough()
    .nullable()
    .optional(),
  error: z.unknown().optional(),
});

export type ParsedResult =
  | {
      ok: true;
      customId: CustomId;
      text: string;
      texts: string[];
      model: string | null;
      usage: { prompt_tokens?: number; completion_tokens?: number } | null;
      finishReason: string | null;
    }
  | { ok: false; customId: CustomId | null; reason: string };

/** One line of a results file; never throws. */
export function parseResultLine(line: string): ParsedResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, customId: null, reason: "not JSON" };
  }
  const r = ResultLine.safeParse(raw);
  if (!r.success) return { ok: false, customId: null, reason: "no custom_id" };
  const customId = parseCustomId(r.data.custom_id);
  if (!customId)
    return {
      ok: false,
      customId: null,
      reason: `custom_id ${JSON.stringify(r.data.custom_id)} was not made by InT Studio`,
    };
  if (r.data.error) return { ok: false, customId, reason: `error: ${JSON.stringify(r.data.error).slice(0, 200)}` };
  const resp = r.data.response;
  if (!resp) return { ok: false, customId, reason: "no response" };
  if (resp.status_code !== undefined && resp.status_code !== 200)
    return { ok: false, customId, reason: `status ${resp.status_code}` };
  // OpenAI/vLLM put the completion in response.body; accept a bare completion too.
  const body = (resp.body ?? resp) as {
    choices?: { message?: { content?: unknown }; finish_reason?: string }[];
    model?: string;
    usage?: Record<string, number>;
  };
  const all = Array.isArray(body?.choices)
    ? [...body.choices].sort(
        (a, b) => ((a as { index?: number })?.index ?? 0) - ((b as { index?: number })?.index ?? 0),
      )
    : [];
  const choice = all[0];
  const text = choice?.message?.content;
  if (typeof text !== "string") return { ok: false, customId, reason: "no choices[0].message.content" };
  const texts = all.map((c) => c?.message?.content);
  if (texts.some((t) => typeof t !== "string"))
    return { ok: false, customId, reason: "a choice has no message.content" };
  return {
    ok: true,
    customId,
    text,
    texts: texts as string[],
    model: typeof body.model === "string" ? body.model : null,
    usage: body.usage ?? null,
    finishReason: choice?.finish_reason ?? null,
  };
}
