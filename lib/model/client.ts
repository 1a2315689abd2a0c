import OpenAI from "openai";
import type { ChatMessage } from "@/lib/core/prompts/render";
import { deadline } from "./deadline";
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

const DEFAULT_CLIENT_TIMEOUT_MS = 600_000;
const clients = new Map<string, OpenAI>();
export function clientFor(ep: Endpoint): OpenAI {
  const key = `${ep.baseUrl}\u0000${ep.apiKey ?? ""}\u0000${ep.timeoutMs ?? ""}`;
  let c = clients.get(key);
  if (!c) {
    // Servers without auth (vLLM default) accept any key; the SDK insists on a non-empty one.
    c = new OpenAI({
      baseURL: ep.baseUrl,
      apiKey: ep.apiKey || "none",
      maxRetries: 0,
      timeout: ep.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS,
    });
    clients.set(key, c);
  }
  return c;
}

/** Map any SDK/network failure onto our four kinds. */
export function classifyError(e: unknown, url: string): AnyModelError | Error {
  if (e instanceof OpenAI.APIUserAbortError) return modelError("request aborted", { kind: "aborted", url });
  if (e instanceof OpenAI.APIConnectionTimeoutError)
    return modelError(`model server timed out (${url})`, { kind: "timeout", url });
  if (e instanceof OpenAI.APIConnectionError) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? e.message;
    return modelError(`model server unreachable at ${url}: ${detail}`, { kind: "unreachable", url });
  }
  if (e instanceof OpenAI.APIError && typeof e.status === "number") {
    const ra = Number(e.headers?.get?.("retry-after"));
    const body = typeof e.error === "object" && e.error ? JSON.stringify(e.error).slice(0, 300) : e.message;
    return modelError(
      `model server answered HTTP ${e.status}: ${body}`,
      { kind: "http", status: e.status, url },
      Number.isFinite(ra) && ra > 0 ? ra * 1000 : undefined,
    );
  }
  if (e instanceof Error && e.name === "AbortError") return modelError("request aborted", { kind: "aborted", url });
  // A 200 whose body does not parse (the SDK calls response.json()), or a body cut off mid-way
  // (undici's "terminated"): transient, like a 5xx, so the runner retries it with backoff.
  if (e instanceof SyntaxError) return notJson(url);
  if (
    e instanceof TypeError &&
    /terminated|other side closed|socket/i.test(`${e.message} ${String((e as { cause?: unknown }).cause ?? "")}`)
  ) {
    return modelError(`model server closed the connection mid-response (${url})`, {
      kind: "bad-response",
      transient: true,
      url,
    });
  }
  return e instanceof Error ? e : new Error(String(e));
}

const notJson = (url: string) =>
  modelError(`bad response from ${url}: the reply is not JSON`, { kind: "bad-response", transient: true, url });

/**
 * Runs one SDK request under a deadline covering headers and body (./deadline.ts), so a stalled
 * body fails as a retryable timeout; the caller's own abort stays an abort.
 */
export async function withDeadline<T>(
  url: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const d = deadline(timeoutMs, signal);
  try {
    return await run(d.signal);
  } catch (e) {
    if (d.expired())
      throw modelError(`model server timed out after ${timeoutMs} ms (${url})`, { kind: "timeout", url });
    throw classifyError(e, url);
  } finally {
    d.done();
  }
}

export async function chatComplete(
  ep: Endpoint,
  model: string,
  messages: ChatMessage[],
  sampling: Sampling,
  opts: ChatOptions = {},
): Promise<ChatResult> {
  const url = `${ep.baseUrl}/chat/completions`;
  const body = {
    model,
    messages,
    temperature: sampling.temperature,
    top_p: sampling.top_p,
    max_tokens: sampling.max_tokens,
    top_k: sampling.top_k, // vLLM extra sampling field, sent in the body
    ...opts.extraBody,
  } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
  const timeout = opts.timeoutMs ?? ep.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS;
  const res = await withDeadline(url, timeout, opts.signal, (signal) =>
    clientFor(ep).chat.completions.create(body, { signal, timeout }),
  );
  // the SDK hands back the text when the reply's content-type is not JSON
  if (!res || typeof res !== "object") throw notJson(url);
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
  const timeout = opts.timeoutMs ?? 10_000;
  const page = await withDeadline(url, timeout, undefined, (signal) => clientFor(ep).models.list({ signal, timeout }));
  return page.data.map((m) => m.id);
}
