// POST /v1/completions of the stub model server (a TEST TOOL, never a model): answers the way
// vLLM's OpenAI-compatible server does when asked for `prompt_logprobs`, with fake, deterministic
// log-probabilities derived from the token ids, so tests can compute the expected NLL by hand.
//   "on"     choices[0].prompt_logprobs: null for the first token, then per position an object
//            keyed by token id: the prompt's token (with its rank) and, when it is not the top
//            token, a top-1 alternative (what vLLM sends for prompt_logprobs: 1)
//   "off"    a plain completion without prompt_logprobs (a server that ignores the field)
//   "reject" HTTP 400 naming the field (a server that refuses unknown fields)

export type PromptLogprobsMode = "on" | "off" | "reject";

/** Ordinary token ids cost 0.1-0.59 nats; ids >= 90,000 (mostly CJK and rare symbols) 5 more. */
export function fakeLogprob(id: number): number {
  return -(0.1 + (id % 50) / 100) - (id >= 90_000 ? 5 : 0);
}

/** A string prompt has no token ids here: its code points stand in for them. */
function promptIds(prompt: unknown): number[] | null {
  if (typeof prompt === "string") return [...prompt].map((c) => c.codePointAt(0) as number);
  if (Array.isArray(prompt) && prompt.every((x) => Number.isInteger(x) && x >= 0)) return prompt as number[];
  return null;
}

export function completionReply(
  body: Record<string, unknown>,
  mode: PromptLogprobsMode,
  logprobOf?: (id: number, i: number) => number,
): { status: number; body: unknown } {
  const ids = promptIds(body.prompt);
  if (!ids || ids.length === 0)
    return {
      status: 400,
      body: {
        object: "error",
        message: "prompt must be a string or a list of token ids",
        type: "BadRequestError",
        code: 400,
      },
    };
  const asked = body.prompt_logprobs !== undefined && body.prompt_logprobs !== null;
  if (asked && mode === "reject") {
    return {
      status: 400,
      body: {
        error: {
          message: "Unrecognized request argument supplied: prompt_logprobs",
          type: "invalid_request_error",
          param: null,
          code: null,
        },
      },
    };
  }
  const lp = logprobOf ?? ((id: number) => fakeLogprob(id));
  const promptLogprobs =
    asked && mode === "on"
      ? ids.map((id, i) => {
          if (i === 0) return null;
          const logprob = lp(id, i);
          const top = logprob >= -0.1;
          const entry: Record<string, { logprob: number; rank: number; decoded_token: string }> = {
            [String(id)]: { logprob, rank: top ? 1 : 2, decoded_token: `<${id}>` },
          };
          if (!top) entry[String(id === 0 ? 1 : 0)] = { logprob: -0.05, rank: 1, decoded_token: "<top>" };
          return entry;
        })
      : undefined;
  return {
    status: 200,
    body: {
      id: `stub-cmpl-${ids.length}`,
      object: "text_completion",
      created: Math.floor(Date.now() / 1000),
      model: String(body.model ?? "stub"),
      choices: [
        {
          index: 0,
          text: " ",
          logprobs: null,
          finish_reason: "length",
          stop_reason: null,
          ...(promptLogprobs ? { prompt_logprobs: promptLogprobs } : {}),
        },
      ],
      usage: { prompt_tokens: ids.length, completion_tokens: 1, total_tokens: ids.length + 1 },
    },
  };
}
