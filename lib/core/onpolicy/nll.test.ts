import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sharedData } from "@/test-support/shared-data";
import { guidedParts } from "@/lib/core/guided";
import { tokenizeSft, type TokenCodec } from "@/lib/core/export/trl-tokenized";
import { interventionSpan, isUnsupportedRefusal, meanNll, spanLogprobs } from "./nll";

// Span and NLL on real ProcessBench rows with a character-level codec (pure: one token per
// UTF-16 unit, so the expected spans can be read off the text), and vLLM-shaped responses.

type Ref = { id: string; problem: string; steps: string[]; first_error_index: number; reference_solution: string };
const refs: Ref[] = readFileSync(sharedData("processbench", "with-references.gsm8k-math.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l))
  .filter((r: Ref) => r.first_error_index >= 0)
  .slice(0, 40);

const chars: TokenCodec = {
  encode: (s) => [...s].map((c) => c.charCodeAt(0)),
  decode: (ids) => String.fromCharCode(...ids),
  pieces: (ids) => ids.map((i) => String.fromCharCode(i)),
};
const promptOf = (problem: string) => {
  const text = `<|im_start|>user\n${problem}<|im_end|>\n<|im_start|>assistant\n`;
  return { text, ids: chars.encode(text) };
};

/** What vLLM returns for prompt_logprobs: 1: null first, then {id: {logprob, rank, decoded_token}} (+ the top-1 token). */
function vllmBody(ids: number[], lp: (id: number, i: number) => number) {
  return {
    id: "cmpl-1",
    object: "text_completion",
    model: "m",
    choices: [
      {
        index: 0,
        text: "x",
        logprobs: null,
        finish_reason: "length",
        prompt_logprobs: ids.map((id, i) =>
          i === 0
            ? null
            : {
                [String(id)]: { logprob: lp(id, i), rank: 3, decoded_token: "t" },
                "99999": { logprob: -0.01, rank: 1, decoded_token: "u" },
              },
        ),
      },
    ],
  };
}

describe("intervention span", () => {
  it("covers exactly the intervention's tokens on real attempts (first error replaced)", () => {
    for (const r of refs) {
      const location = r.first_error_index + 1;
      const content = r.reference_solution.split("\n").find((l) => l.trim()) ?? "Check again.";
      const parts = guidedParts(r.steps.join("\n\n"), location, content);
      const t = tokenizeSft(promptOf(r.problem), parts.prefix, parts.intervention, chars);
      if (!t.ok) throw new Error(`${r.id}: ${t.reason}`);
      const span = interventionSpan(t.value);
      expect(chars.decode(t.value.ids.slice(span.start, span.end))).toBe(parts.intervention);
      expect(chars.decode(t.value.ids.slice(0, span.start))).toBe(promptOf(r.problem).text + parts.prefix);
    }
  });

  it("refuses counts that do not end at the last token", () => {
    expect(() =>
      interventionSpan({ ids: [1, 2, 3, 4], promptTokens: 1, prefixTokens: 1, interventionTokens: 1 }),
    ).toThrow(/does not end/);
  });
});

describe("NLL from a vLLM-shaped response", () => {
  const ids = [10, 11, 12, 13, 14, 15];
  const span = { start: 3, end: 6 };

  it("averages -logprob over the span only, picking the prompt token's entry (not the top-1)", () => {
    const r = spanLogprobs(
      vllmBody(ids, (id) => -(id - 10) / 2),
      ids,
      span,
    );
    expect(r).toEqual({ ok: true, logprobs: [-1.5, -2, -2.5] });
    if (r.ok) expect(meanNll(r.logprobs)).toBeCloseTo(2, 12);
  });

  it("a 0 logprob gives NLL 0, not -0; an empty span is an error", () => {
    expect(Object.is(meanNll([0, 0]), 0)).toBe(true);
    expect(() => meanNll([])).toThrow();
  });

  it("no prompt_logprobs = unsupported; broken shapes = malformed, with the reason", () => {
    const body = vllmBody(ids, () => -1);
    const without = { ...body, choices: [{ ...body.choices[0], prompt_logprobs: undefined }] };
    expect(spanLogprobs(without, ids, span)).toMatchObject({ ok: false, kind: "unsupported" });
    expect(
      spanLogprobs({ ...body, choices: [{ ...body.choices[0], prompt_logprobs: null }] }, ids, span),
    ).toMatchObject({ kind: "unsupported" });
    const cases: [unknown, RegExp][] = [
      ["not json", /not a JSON object/],
      [{ choices: [] }, /no choices\[0\]/],
      [{ choices: [{ prompt_logprobs: "x" }] }, /not an array/],
      [
        { choices: [{ prompt_logprobs: body.choices[0].prompt_logprobs.slice(1) }] },
        /5 entries for a prompt of 6 tokens/,
      ],
      [{ choices: [{ prompt_logprobs: [null, {}, {}, null, {}, {}] }] }, /prompt_logprobs\[3\] is null/],
      [
        { choices: [{ prompt_logprobs: [null, {}, {}, { "7": { logprob: -1 } }, {}, {}] }] },
        /no entry for the prompt's token id 13/,
      ],
      [vllmBody(ids, (_, i) => (i === 4 ? Number.NaN : -1)), /prompt_logprobs\[4\]\[14\]\.logprob is null/],
      [vllmBody(ids, (_, i) => (i === 5 ? 0.5 : -1)), /logprob is 0.5/],
    ];
    for (const [b, re] of cases) {
      const r = spanLogprobs(JSON.parse(JSON.stringify(b)), ids, span);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.kind).toBe("malformed");
        expect(r.reason).toMatch(re);
      }
    }
    expect(spanLogprobs(body, ids, { start: 0, end: 2 })).toMatchObject({ ok: false, kind: "malformed" });
  });

  it("tells a refused field from a refused prompt", () => {
    expect(
      isUnsupportedRefusal(
        400,
        "model server answered HTTP 400: Unrecognized request argument supplied: prompt_logprobs",
      ),
    ).toBe(true);
    expect(isUnsupportedRefusal(400, "Extra inputs are not permitted")).toBe(true);
    expect(isUnsupportedRefusal(404, '{"detail":"Not Found"}')).toBe(true);
    expect(isUnsupportedRefusal(404, "The model `x` does not exist.")).toBe(false);
    expect(isUnsupportedRefusal(400, "This model's maximum context length is 32768 tokens")).toBe(false);
    expect(isUnsupportedRefusal(500, "prompt_logprobs crashed")).toBe(false);
  });
});
