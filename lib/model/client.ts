import OpenAI from "openai";
import type { ChatMessage } from "@/lib/core/prompts/render";
import { modelError, type AnyModelError } from "./errors";
import type { Sampling } from "./sampling";

// The OpenAI-compatible client (vLLM, SGLang, OpenAI, Ollama). Retries are the job runner's
// business, so the SDK's own retries are off; every failure is classified (./errors).

export type Endpoint = { baseUrl: string; apiKey?: string | null; timeoutMs?: number };
export type ChatResult = {
  text: string;
  finishReason: string | null;
  usage: { promptTokens: number | null; completionTokens: number | null };
  model: string;
};
export type ChatOptions = {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** vLLM extras sent in the body, e.g. { continue_final_message: true, add_generation_prompt: false } */
  extraBody?: Record<string, unknown>;
};

const clients = new Map<string, OpenAI>();
export function clientFor(ep: Endpoint): OpenAI {
  const key = `${ep.baseUrl}\u0000${ep.apiKey ?? ""}\u0000${ep.timeoutMs ?? ""}`;
  let c = clients.get(key);
  if (!c) {
    // Servers without auth (vLLM default) accept any key; the SDK insists on a non-empty one.
    c = new OpenAI({ baseURL: ep.baseUrl, apiKey: ep.apiKey || "none", maxRetries: 0, timeout: ep.timeoutMs ?? 600_000 });
    clients.set(key, c);
  }
  return c;
}

/** Map any SDK/network failure onto our four kinds. */
export function classifyError(e: unknown, url: string): AnyModelError | Error {
  if (e instanceof OpenAI.APIUserAbortError) return modelError("request aborted", { kind: "aborted", url });
  if (e instanceof OpenAI.APIConnectionTimeoutError) return modelError(`model server timed out (${url})`, { kind: "timeout", url });
  if (e instanceof OpenAI.APIConnectionError) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? e.message;
    return modelError(`model server unreachable at ${url}: ${detail}`, { kind: "unreachable", url });
  }
  if (e instanceof OpenAI.APIError && typeof e.status === "number") {
    const ra = Number(e.headers?.get?.("retry-after"));
    const body = typeof e.error === "object" && e.error ? JSON.stringify(e.error).slice(0, 300) : e.message;
    return modelError(`model server answered HTTP ${e.status}: ${body}`, { kind: "http", status: e.status, url }, Number.isFinite(ra) && ra > 0 ? ra * 1000 : undefined);
  }
  if (e instanceof Error && e.name === "AbortError") return modelError("request aborted", { kind: "aborted", url });
  return e instanceof Error ? e : new Error(String(e));
}

export async function chatComplete(ep: Endpoint, model: string, messages: ChatMessage[], sampling: Sampling, opts: ChatOptions = {}): Promise<ChatResult> {
  const url = `${ep.baseUrl}/chat/completions`;
  let res: OpenAI.Chat.Completions.ChatCompletion;
  try {
    const body = {
      model,
      messages,
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
  const choice = res?.choices?.[0];
  const text = choice?.message?.content;
  if (typeof text !== "string") {
    throw modelError(`bad response from ${url}: no choices[0].message.content`, { kind: "bad-response", url });
  }
  return {
    text,
    finishReason: choice.finish_reason ?? null,
    usage: { promptTokens: res.usage?.prompt_tokens ?? null, completionTokens: res.usage?.completion_tokens ?? null },
    model: res.model ?? model,
  };
}

/** "Test connection": the server's model ids. */
export async function listModels(ep: Endpoint, opts: { timeoutMs?: number } = {}): Promise<string[]> {
  const url = `${ep.baseUrl}/models`;
  try {
    const page = await clientFor(ep).models.list({ timeout: opts.timeoutMs ?? 10_000 });
    return page.data.map((m) => m.id);
  } catch (e) {
    throw classifyError(e, url);
  }
}
