// `processbench`: the native JSON array `{id, generator, problem, steps[], final_answer_correct, label}`
// (label 0-based, -1 = no error) and the with-references JSONL (`first_error_index`,
// `reference_solution`, `ground_truth_answer`, `split`, `ref_source`).
// Trace text = steps.join("\n\n"); the label becomes a 1-based imported FirstErrorLabel.
import { STEP_SEPARATOR, fromZeroBased, joinSteps } from "@/lib/core/steps";
import { type Obj, bool, checkText, idString, int, str, typeName } from "./fields";
import type { FieldError, ParseContext, RecordParseResult } from "./types";

export const PROCESSBENCH_ANNOTATOR = "processbench";

function readSteps(rec: Obj, errors: FieldError[]): string[] | undefined {
  const steps = rec.steps;
  if (steps === undefined || steps === null) {
    errors.push({ field: "steps", message: "is required" });
    return undefined;
  }
  if (!Array.isArray(steps)) {
    errors.push({ field: "steps", message: `must be an array of strings, got ${typeName(steps)}` });
    return undefined;
  }
  if (steps.length === 0) {
    errors.push({ field: "steps", message: "must hold at least one step" });
    return undefined;
  }
  const before = errors.length;
  steps.forEach((s, i) => {
    if (typeof s !== "string") errors.push({ field: `steps[${i}]`, message: `must be a string, got ${typeName(s)}` });
    else if (s.includes(STEP_SEPARATOR))
      errors.push({
        field: `steps[${i}]`,
        message:
          'contains a blank line ("\\n\\n"): joined with "\\n\\n" it would split into more steps and shift the label',
      });
  });
  return errors.length === before ? (steps as string[]) : undefined;
}

export function parseProcessBenchRecord(rec: Obj, _ctx?: ParseContext): RecordParseResult {
  const errors: FieldError[] = [];
  const externalId = idString(rec, "id", errors);
  if (externalId === null && !errors.length) errors.push({ field: "id", message: "is required" });
  const generator = str(rec, "generator", errors) ?? "";
  const statement = str(rec, "problem", errors, { required: true });
  const steps = readSteps(rec, errors);
  const correct = bool(rec, "final_answer_correct", errors);
  const labelKey = rec.label !== undefined ? "label" : "first_error_index";
  const label = int(rec, labelKey, errors, {
    required: true,
    path: rec.label !== undefined ? "label" : "label (or first_error_index)",
  });
  const referenceSolution = str(rec, "reference_solution", errors) ?? "";
  const answer = str(rec, "ground_truth_answer", errors) ?? "";
  const split = str(rec, "split", errors);
  const refSource = str(rec, "ref_source", errors);

  if (steps && label !== undefined && (label < -1 || label >= steps.length))
    errors.push({
      field: labelKey,
      message: `is ${label} but must be -1 (no error) or a 0-based step index within 0..${steps.length - 1}`,
    });
  if (errors.length > 0 || statement === undefined || steps === undefined || label === undefined)
    return { ok: false, errors };

  const text = joinSteps(steps);
  if (!checkText(text, "steps", errors)) return { ok: false, errors };
  const metadata: Record<string, unknown> = {};
  const derivedSplit =
    split ?? (externalId && /^[a-z0-9_]+-\d+$/i.test(externalId) ? externalId.replace(/-\d+$/, "") : undefined);
  if (derivedSplit) metadata.split = derivedSplit;
  if (refSource) metadata.refSource = refSource;
  return {
    ok: true,
    value: {
      problem: { statement, referenceSolution, answer, source: "processbench", externalId: null, metadata },
      trace: { text, generator, externalId, correct },
      label: { step: fromZeroBased(label), annotator: PROCESSBENCH_ANNOTATOR },
      interventions: [],
    },
  };
}
