import { splitSteps, toZeroBased } from "../steps";
import { winningLabel } from "../agreement/winning-label";
import type { BuildResult, TraceExportInput } from "./types";

// ProcessBench row of one trace, keys in the dataset's own order. `label` is 0-based
// (-1 = no error): the winning label (final, else the people's when they agree, else the
// imported one; ../agreement/winning-label.ts). People who disagree without adjudication: skipped.
// Model labels are suggestions and never exported as ground truth.

export type ProcessBenchRow = {
  id: string;
  generator: string;
  problem: string;
  steps: string[];
  final_answer_correct: boolean | null;
  label: number;
};

export function buildProcessBenchRow(input: TraceExportInput): BuildResult<ProcessBenchRow> {
  const { trace, problem } = input;
  const label = winningLabel(input.labels);
  if (label.kind === "disagreement") return { ok: false, reason: "labels_disagree" };
  if (label.kind === "none") return { ok: false, reason: "no_label" };
  const steps = splitSteps(trace.text);
  if (label.step !== null && (!Number.isInteger(label.step) || label.step < 1 || label.step > steps.length)) {
    return { ok: false, reason: "label_out_of_range" };
  }
  return {
    ok: true,
    row: {
      id: trace.externalId ?? trace.id,
      generator: trace.generator,
      problem: problem.statement,
      steps,
      final_answer_correct: trace.correct,
      label: toZeroBased(label.step),
    },
  };
}
