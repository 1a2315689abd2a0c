import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sharedData } from "@/test-support/shared-data";
import { guidedParts } from "@/lib/core/guided";
import {
  buildLlamaFactoryRow,
  buildTrlTokenizedRow,
  renderLlamaFactoryParts,
  renderLlamaFactoryText,
  type InterventionExportInput,
  type SftEncoder,
  type TrlTokenizedRow,
} from "@/lib/core/export";
import { renderChat } from "./chat";
import { END_OF_TEXT_ID, IM_END_ID, loadQwen3, type Qwen3 } from "./qwen3-tokenizer";
import { sftEncoder } from "./sft-encoder";

// The trl-tokenized rows with the real Qwen3 tokenizer on real ProcessBench rows: an
// intervention (the first line of the reference solution) at the labelled first error, or at
// the last step of a correct trace.

type Ref = {
  id: string;
  problem: string;
  steps: string[];
  first_error_index: number;
  reference_solution: string;
  ground_truth_answer: string;
};
const refs: Ref[] = readFileSync(sharedData("processbench", "with-references.gsm8k-math.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));
// Every 3rd row: both splits, ~350 rows (the tokenizer is slow on a shared CI core).
const sample = refs.filter((_, i) => i % 3 === 0);

function inputOf(r: Ref): InterventionExportInput {
  const location = r.first_error_index >= 0 ? r.first_error_index + 1 : r.steps.length;
  const content = r.reference_solution.split("\n").find((l) => l.trim()) ?? "Let me check this step again.";
  return {
    problem: {
      id: `p-${r.id}`,
      statement: r.problem,
      answer: r.ground_truth_answer,
      referenceSolution: r.reference_solution,
      externalId: r.id,
    },
    trace: { id: `t-${r.id}`, text: r.steps.join("\n\n"), generator: "g", externalId: r.id, correct: null },
    intervention: {
      id: `i-${r.id}`,
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

let q: Qwen3;
let enc: SftEncoder;
let hybrid: SftEncoder;
const rows: { input: InterventionExportInput; row: TrlTokenizedRow }[] = [];
const skipped: Record<string, number> = {};

beforeAll(async () => {
  q = await loadQwen3();
  enc = await sftEncoder("qwen3-instruct-2507");
  hybrid = await sftEncoder("qwen3-hybrid-nothink");
  for (const r of sample) {
    const input = inputOf(r);
    const b = buildTrlTokenizedRow(input, enc);
    if (b.ok) rows.push({ input, row: b.row });
    else skipped[b.reason] = (skipped[b.reason] ?? 0) + 1;
  }
}, 120_000);

const parts = (input: InterventionExportInput) =>
  guidedParts(input.trace.text, input.intervention.location, input.intervention.content);
const promptOf = (statement: string) => `<|im_start|>user\n${statement}<|im_end|>\n<|im_start|>assistant\n`;

describe("trl-tokenized with the Qwen3 tokenizer on ProcessBench rows", () => {
  it("exports most rows; only leakage is skipped", () => {
    expect(rows.length).toBeGreaterThan(150); // 189 of 353: many first reference lines hold the answer
    expect(Object.keys(skipped).filter((k) => k !== "leakage")).toEqual([]);
  });

  it("round trip: decode(input_ids) === rendered prompt + guided attempt, byte for byte", () => {
    for (const { input, row } of rows) {
      expect(q.decode(row.input_ids)).toBe(promptOf(input.problem.statement) + parts(input).text);
    }
  });

  it("mask boundary exactly at the prompt/response boundary", () => {
    for (const { input, row } of rows) {
      const n = row.num_prompt_tokens;
      expect(q.decode(row.input_ids.slice(0, n))).toBe(promptOf(input.problem.statement));
      expect(row.input_ids.slice(0, n)).toEqual(q.encode(promptOf(input.problem.statement)));
      expect(row.labels.slice(0, n).every((l) => l === -100)).toBe(true);
      expect(row.labels.slice(n)).toEqual(row.input_ids.slice(n));
      expect(row.completion_mask.indexOf(1)).toBe(n);
      expect(q.decode(row.input_ids.slice(n))).toBe(parts(input).text);
    }
  });

  it("no <|im_end|> (151645) or <|endoftext|> (151643) after (or in) the response", () => {
    for (const { row } of rows) {
      expect([IM_END_ID, END_OF_TEXT_ID]).not.toContain(row.input_ids.at(-1));
      expect(row.input_ids.slice(row.num_prompt_tokens).some((id) => id === IM_END_ID || id === END_OF_TEXT_ID)).toBe(
        false,
      );
    }
  });

  it("counts: prompt + prefix + intervention tokens, each decoding to its own text", () => {
    for (const { input, row } of rows) {
      const { prefix, intervention } = parts(input);
      const a = row.num_prompt_tokens,
        b = a + row.num_prefix_tokens;
      expect(b + row.num_intervention_tokens).toBe(row.input_ids.length);
      expect(q.decode(row.input_ids.slice(a, b))).toBe(prefix);
      expect(q.decode(row.input_ids.slice(b))).toBe(intervention);
      expect(row.num_intervention_tokens).toBeGreaterThan(0);
    }
  });

  it("tokenizing prompt and response apart equals tokenizing the concatenation", () => {
    for (const { input, row } of rows) {
      expect(q.encode(promptOf(input.problem.statement) + parts(input).text)).toEqual(row.input_ids);
    }
  });

  it("the llamafactory note's template renders the same text, and LLaMA-Factory's slot-wise ids are the row's ids", () => {
    for (const { input, row } of rows) {
      const lf = buildLlamaFactoryRow(input);
      if (!lf.ok) throw new Error(lf.reason);
      expect(renderLlamaFactoryText(lf.row)).toBe(q.decode(row.input_ids));
      const p = renderLlamaFactoryParts(lf.row);
      expect([...q.encode(p.prompt), ...q.encode(p.response)]).toEqual(row.input_ids);
    }
  });

  it("the chat template with continue_final_message renders the same text (both templates)", () => {
    for (const { input } of rows.slice(0, 50)) {
      const msgs = [
        { role: "user" as const, content: input.problem.statement },
        { role: "assistant" as const, content: parts(input).text },
      ];
      expect(renderChat("qwen3-instruct-2507", q.hybridTemplate, msgs, { continueFinalMessage: true })).toBe(
        promptOf(input.problem.statement) + parts(input).text,
      );
      const h = renderChat("qwen3-hybrid-nothink", q.hybridTemplate, msgs, { continueFinalMessage: true });
      expect(h).toBe(hybrid.prompt(input.problem.statement).text + parts(input).text);
    }
  });

  it("hybrid template (enable_thinking=false): empty think block in the prompt, masked", () => {
    const { input } = rows[0];
    const r = buildTrlTokenizedRow(input, hybrid);
    if (!r.ok) throw new Error(r.reason);
    const prompt = q.decode(r.row.input_ids.slice(0, r.row.num_prompt_tokens));
    expect(prompt).toBe(promptOf(input.problem.statement) + "<think>\n\n</think>\n\n");
    expect(q.decode(r.row.input_ids.slice(r.row.num_prompt_tokens))).toBe(parts(input).text);
    expect(r.row.template).toBe("qwen3-hybrid-nothink");
  });

  it("edge cases: whitespace-led response, end token in the text, a character split over tokens", () => {
    const base = rows[0].input;
    const at1 = (content: string) => ({ ...base, intervention: { ...base.intervention, location: 1, content } });
    // "\n" + "\n\nx": the joint encoding merges the newlines into one token across the boundary.
    expect(buildTrlTokenizedRow(at1("\nx"), enc)).toEqual({ ok: false, reason: "boundary_straddles_token" });
    const sp = buildTrlTokenizedRow(at1(" x"), enc);
    expect(sp.ok && q.decode(sp.row.input_ids.slice(sp.row.num_prompt_tokens))).toBe(" x");
    expect(buildTrlTokenizedRow(at1("stop here<|im_end|>"), enc)).toEqual({
      ok: false,
      reason: "end_token_in_response",
    });
    const cjk = buildTrlTokenizedRow(at1("设 x 为 🙂 数"), enc);
    if (!cjk.ok) throw new Error(cjk.reason);
    const ids = cjk.row.input_ids;
    expect(q.pieces(ids).join("")).toBe(q.decode(ids));
  });
});
