import type OpenAI from "openai";
import type { ChatMessage } from "@/lib/core/prompts/render";
import { clientFor, classifyError, type ChatOptions, type ChatResult, type Endpoint } from "./client";
import { modelError } from "./errors";
import type { Sampling } from "./sampling";

// One chat request with `n` samples sharing the prompt (OpenAI/vLLM `n`): the reference's turn 2
// draws its K verifier samples this way, so the prompt (turn 1 + its reply + turn 2) is
// processed once. Kept beside client.ts (not in it) so the single-sample path stays as it is.

export type ChatManyResult = {
  choices: { text: string; finishReason: string | null }[];
  /** the whole request's usage: completionTokens is the sum over the choices */
  usage: ChatResult["usage"];
  model: string;
};

export async function chatCompleteMany(
  ep: Endpoint,
  model: string,
  messages: ChatMessage[],
  sampling: Sampling,
  n: number,
  opts: ChatOptions = {},
): Promise<ChatManyResult> {
  const url = `${ep.baseUrl}/chat/completions`;
  let res: OpenAI.Chat.Completions.ChatCompletion;
  try {
    const body = {
      model,
      messages,
      n,
      temperature: sampling.temperature,
      top_p: sampling.top_p,
      max_tokens: sampling.max_tokens,
      top_k: sampling.top_k, // vLLM extra sampling field, sent in the body
      ...opts.extraBody,
    } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
    const timeout = opts.timeoutMs ?? ep.timeoutMs;
    res = await clientFor(ep).chat.completions.create(body, { signal: opts.signal, ...(timeout ? { timeout } : {}) });
  } catch (e) {
    throw classifyError(e, url);
  }
  const raw = Array.isArray(res?.choices) ? res.choices : [];
  // servers number choices by `index`; order by it so sample i is always choice i
  const sorted = [...raw].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const choices: ChatManyResult["choices"] = [];
  for (const c of sorted) {
    const text = c?.message?.content;
    if (typeof text !== "string")
      throw modelError(`bad response from ${url}: a choice has no message.content`, { kind: "bad-response", url });
    choices.push({ text, finishReason: c.finish_reason ?? null });
  }
  if (choices.length === 0) throw modelError(`bad response from ${url}: no choices`, { kind: "bad-response", url });
  return {
    choices,
    usage: { promptTokens: res.usage?.prompt_tokens ?? null, completionTokens: res.usage?.completion_tokens ?? null },
    model: res.model ?? model,
  };
}
