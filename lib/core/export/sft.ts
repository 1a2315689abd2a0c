import { guidedAttemptFor } from "./int";
import type { BuildResult, InterventionExportInput } from "./types";

// SFT rows of method.md §8: prompt = the problem, response = the guided attempt (prefix +
// intervention, no suffix). The end-of-turn question is the trainer's: see ./notes.ts.

export type LlamaFactoryRow = { problem: string; intervention_guided_attempt: string };

export type TrlRow = {
  prompt: [{ role: "user"; content: string }];
  completion: [{ role: "assistant"; content: string }];
};

export function buildLlamaFactoryRow(input: InterventionExportInput): BuildResult<LlamaFactoryRow> {
  const g = guidedAttemptFor(input);
  if (!g.ok) return g;
  return { ok: true, row: { problem: input.problem.statement, intervention_guided_attempt: g.row } };
}

export function buildTrlRow(input: InterventionExportInput): BuildResult<TrlRow> {
  const g = guidedAttemptFor(input);
  if (!g.ok) return g;
  return {
    ok: true,
    row: {
      prompt: [{ role: "user", content: input.problem.statement }],
      completion: [{ role: "assistant", content: g.row }],
    },
  };
}
