import type OpenAI from "openai";
import { clientFor, withDeadline, type Endpoint } from "@/lib/model/client";
import { isModelError } from "@/lib/model/errors";
import { isUnsupportedRefusal } from "@/lib/core/onpolicy/nll";

// One scoring request: POST /v1/completions with the token ids as the prompt, max_tokens 1 and
// vLLM's `prompt_logprobs: 1` (an extra body field; vLLM then returns choices[0].prompt_logprobs,
// one entry per prompt token, null for the first). The ids are sent, not text, so the server
// scores exactly the tokens of the SFT row and the intervention's span is known.

export class UnsupportedError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "UnsupportedError";
  }
}

/** The raw response body (validated by lib/core/onpolicy/nll.spanLogprobs). */
export async function requestPromptLogprobs(
  ep: Endpoint,
  model: string,
  ids: number[],
  signal?: AbortSignal,
): Promise<unknown> {
  const url = `${ep.baseUrl}/completions`;
  const body = { model, prompt: ids, max_tokens: 1, temperature: 0, prompt_logprobs: 1 };
  const timeout = ep.timeoutMs ?? 600_000;
  try {
    return await withDeadline(url, timeout, signal, (s) =>
      clientFor(ep).completions.create(body as OpenAI.Completions.CompletionCreateParamsNonStreaming, {
        signal: s,
        timeout,
      }),
    );
  } catch (err) {
    if (isModelError(err) && err.kind === "http" && isUnsupportedRefusal(err.status ?? 0, err.message))
      throw new UnsupportedError(err.message);
    throw err;
  }
}
