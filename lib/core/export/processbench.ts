import { splitSteps, toZeroBased } from "../steps";
import type { BuildResult, TraceExportInput } from "./types";

// ProcessBench row of one trace, keys in the dataset's own order. `label` is 0-based
// (-1 = no error): the human label when a person labelled the trace, else the imported one.
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
  const label = input.humanLabel ?? input.importedLabel;
  if (!label) return { ok: false, reason: "no_label" };
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
