import { describe, expect, it } from "vitest";
import {
  IGNORE_INDEX,
  assertTrlTokenizedRow,
  buildTrlTokenizedRow,
  junctionSafe,
  tokenizeSft,
  type InterventionExportInput,
  type SftEncoder,
  type TokenCodec,
} from "./index";

// Pure logic with a character-level stand-in tokenizer (one token per UTF-16 unit, the
// two end markers as single ids). The real Qwen3 tokenizer is exercised in lib/tokens.
const END = "<|im_end|>";
const EOT = "<|endoftext|>";
const codec: TokenCodec = {
  encode: (text) =>
    text
      .split(/(<\|im_end\|>|<\|endoftext\|>)/)
      .flatMap((s) => (s === END ? [151645] : s === EOT ? [151643] : [...s].map((c) => c.charCodeAt(0)))),
  decode: (ids) => ids.map((i) => (i === 151645 ? END : i === 151643 ? EOT : String.fromCharCode(i))).join(""),
  pieces: (ids) => ids.map((i) => codec.decode([i])),
};
const enc: SftEncoder = {
  template: "test",
  codec,
  prompt: (p) => {
    const text = `U:${p}\nA:\n`;
    return { text, ids: codec.encode(text) };
  },
};

function input(content: string, location = 2, text = "one\n\ntwo\n\nthree", answer = "7"): InterventionExportInput {
  return {
    problem: { id: "p", statement: "2+5?", answer, referenceSolution: "", externalId: null },
    trace: { id: "t", text, generator: "g", externalId: null, correct: false },
    intervention: {
      id: "i",
      location,
      content,
      status: "accepted",
      origin: "human",
      author: "a",
      originalContent: null,
      provenance: "{}",
      createdAt: "2026-01-01",
      updatedAt: "2026-01-01",
    },
    humanLabel: null,
  };
}

describe("trl-tokenized row (stand-in tokenizer)", () => {
  it("prompt masked, prefix + intervention trained, counts, nothing after the response", () => {
    const r = buildTrlTokenizedRow(input("fix\nit"), enc);
    if (!r.ok) throw new Error(r.reason);
    const prompt = "U:2+5?\nA:\n";
    expect(codec.decode(r.row.input_ids)).toBe(prompt + "one\n\nfix\n\nit");
    expect(r.row.num_prompt_tokens).toBe(prompt.length);
    expect(r.row.num_prefix_tokens).toBe("one\n\n".length);
    expect(r.row.num_intervention_tokens).toBe("fix\n\nit".length);
    expect(r.row.labels.slice(0, prompt.length).every((l) => l === IGNORE_INDEX)).toBe(true);
    expect(r.row.labels.slice(prompt.length)).toEqual(r.row.input_ids.slice(prompt.length));
    expect(r.row.completion_mask.indexOf(1)).toBe(prompt.length);
    expect(r.row.input_ids.at(-1)).toBe("t".charCodeAt(0));
    expect(Object.keys(r.row)).toEqual([
      "input_ids",
      "labels",
      "completion_mask",
      "intervention_id",
      "trace_id",
      "problem_id",
      "template",
      "num_prompt_tokens",
      "num_prefix_tokens",
      "num_intervention_tokens",
    ]);
  });
  it("skips a response holding an end token, an empty response, leakage", () => {
    expect(buildTrlTokenizedRow(input(`done${END}`), enc)).toEqual({ ok: false, reason: "end_token_in_response" });
    expect(buildTrlTokenizedRow(input(`a${EOT}b`), enc)).toEqual({ ok: false, reason: "end_token_in_response" });
    expect(buildTrlTokenizedRow(input("", 1), enc)).toEqual({ ok: false, reason: "empty_response" });
    expect(buildTrlTokenizedRow(input("so 7"), enc)).toEqual({ ok: false, reason: "leakage" });
  });
  it("whitespace-led response: joint encoding, boundaries from the decoded pieces", () => {
    const t = tokenizeSft(enc.prompt("q"), "", " x", codec);
    expect(t.ok && t.value.method).toBe("joint");
    const s = tokenizeSft(enc.prompt("q"), "a\n\n", "b", codec);
    expect(s.ok && s.value).toMatchObject({ method: "separate", prefixTokens: 3, interventionTokens: 1 });
    const j = tokenizeSft(enc.prompt("q"), "a\n\n", "\n\nb", codec);
    expect(j.ok && j.value).toMatchObject({ method: "joint", prefixTokens: 3, interventionTokens: 3 });
  });
  it("junctionSafe: newline then non-space only", () => {
    expect(junctionSafe("a\n", "b")).toBe(true);
    expect(junctionSafe("a\n", "\nb")).toBe(false);
    expect(junctionSafe("a\n", " b")).toBe(false);
    expect(junctionSafe("a\n", "\u00a0b")).toBe(false);
    expect(junctionSafe("a", "b")).toBe(false);
    expect(junctionSafe("", " b")).toBe(true);
  });
  it("assertTrlTokenizedRow throws on a trailing end token or a shifted mask", () => {
    const ok = { input_ids: [1, 2, 3], labels: [-100, 2, 3], completion_mask: [0, 1, 1], num_prompt_tokens: 1 };
    expect(() => assertTrlTokenizedRow(ok)).not.toThrow();
    expect(() => assertTrlTokenizedRow({ ...ok, input_ids: [1, 2, 151645], labels: [-100, 2, 151645] })).toThrow(
      /end-of-turn/,
    );
    expect(() => assertTrlTokenizedRow({ ...ok, labels: [-100, -100, 3] })).toThrow(/boundary/);
  });
});
