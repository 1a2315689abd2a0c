// `prm800k`: OpenAI's raw nested records (phase 1 and 2):
//   question{problem, ground_truth_solution?, ground_truth_answer, pre_generated_steps?}
//   label{steps[{completions[{text, rating}], chosen_completion, human_completion}], finish_reason}
// The trace is the path the labeller walked: per step the chosen completion, or the human
// completion when none was chosen. A step with neither is where labelling stopped: if one of its
// completions is rated -1 (phase 2: the pre-generated step), that step is the last one of the
// trace; otherwise the trace ends before it. The first path step rated -1 is the first error.
// With no -1 on the path the label is "no error" only when finish_reason is "solution" (the
// labeller reached the end and rated every step); after "give_up"/"bad_problem" there is no label.
// Completions rated +1 at the error step become imported intervention proposals there.
// A PRM800K step may hold "\n\n", so a PRM step maps to the trace's 1-based step where it starts.
import { countSteps, joinSteps } from "@/lib/core/steps";
import { type Obj, checkText, isObj, str, typeName } from "./fields";
import type { FieldError, ParseContext, RecordParseResult, ImportedIntervention, ParsedLabel } from "./types";

export const PRM800K_ANNOTATOR = "prm800k";

type PathStep = { text: string; rating: number | null; index: number };

function rating(v: unknown): number | null {
  return typeof v === "number" ? v : null;
}

function walk(steps: unknown[], errors: FieldError[]): { path: PathStep[]; completionsAtStop: Obj[] | null } {
  const path: PathStep[] = [];
  for (let i = 0; i < steps.length; i++) {
    const at = `label.steps[${i}]`;
    const step = steps[i];
    if (!isObj(step)) {
      errors.push({ field: at, message: `must be an object, got ${typeName(step)}` });
      break;
    }
    const completions = Array.isArray(step.completions) ? step.completions : null;
    if (!completions) {
      errors.push({ field: `${at}.completions`, message: `must be an array, got ${typeName(step.completions)}` });
      break;
    }
    const chosen = step.chosen_completion;
    if (typeof chosen === "number") {
      const c = completions[chosen];
      if (!isObj(c)) {
        errors.push({
          field: `${at}.chosen_completion`,
          message: `is ${chosen} but there are ${completions.length} completion(s)`,
        });
        break;
      }
      const text = str(c, "text", errors, { required: true, path: `${at}.completions[${chosen}].text` });
      if (text === undefined) break;
      path.push({ text, rating: rating(c.rating), index: i });
      continue;
    }
    if (chosen !== null && chosen !== undefined) {
      errors.push({ field: `${at}.chosen_completion`, message: `must be a number or null, got ${typeName(chosen)}` });
      break;
    }
    if (isObj(step.human_completion)) {
      const text = str(step.human_completion, "text", errors, { required: true, path: `${at}.human_completion.text` });
      if (text === undefined) break;
      path.push({ text, rating: rating(step.human_completion.rating), index: i });
      continue;
    }
    // Labelling stopped here.
    const k = completions.findIndex((c) => isObj(c) && c.rating === -1);
    if (k >= 0) {
      const text = str(completions[k] as Obj, "text", errors, { required: true, path: `${at}.completions[${k}].text` });
      if (text !== undefined) path.push({ text, rating: -1, index: i });
    }
    return { path, completionsAtStop: completions.filter(isObj) };
  }
  return { path, completionsAtStop: null };
}

export function parsePrm800kRecord(rec: Obj, _ctx?: ParseContext): RecordParseResult {
  const errors: FieldError[] = [];
  const q = rec.question;
  const l = rec.label;
  if (!isObj(q)) errors.push({ field: "question", message: `must be an object, got ${typeName(q)}` });
  if (!isObj(l)) errors.push({ field: "label", message: `must be an object, got ${typeName(l)}` });
  if (!isObj(q) || !isObj(l)) return { ok: false, errors };
  const statement = str(q, "problem", errors, { required: true, path: "question.problem" });
  const referenceSolution = str(q, "ground_truth_solution", errors, { path: "question.ground_truth_solution" }) ?? "";
  const answer = str(q, "ground_truth_answer", errors, { path: "question.ground_truth_answer" }) ?? "";
  const finish = str(l, "finish_reason", errors, { path: "label.finish_reason" }) ?? "";
  const labeler = str(rec, "labeler", errors) ?? "";
  if (!Array.isArray(l.steps))
    errors.push({ field: "label.steps", message: `must be an array, got ${typeName(l.steps)}` });
  const { path } = Array.isArray(l.steps) ? walk(l.steps, errors) : { path: [] };
  if (Array.isArray(l.steps) && path.length === 0 && errors.length === 0)
    errors.push({ field: "label.steps", message: "has no labelled step: there is no trace to import" });
  if (errors.length > 0 || statement === undefined) return { ok: false, errors };

  // 1-based trace step where each path step starts.
  const starts: number[] = [];
  let next = 1;
  for (const s of path) {
    starts.push(next);
    next += countSteps(s.text);
  }
  const text = joinSteps(path.map((s) => s.text));
  if (!checkText(text, "label.steps", errors)) return { ok: false, errors };

  const annotator = labeler ? `${PRM800K_ANNOTATOR}:${labeler}` : PRM800K_ANNOTATOR;
  const errAt = path.findIndex((s) => s.rating === -1);
  let label: ParsedLabel | null = null;
  const interventions: ImportedIntervention[] = [];
  if (errAt >= 0) {
    label = { step: starts[errAt], annotator };
    const stepIndex = path[errAt].index;
    const completions = ((l.steps as unknown[])[stepIndex] as Obj).completions as unknown[];
    completions.forEach((c, k) => {
      if (!isObj(c) || c.rating !== 1 || typeof c.text !== "string") return;
      if (!checkText(c.text, `label.steps[${stepIndex}].completions[${k}].text`, errors)) return;
      interventions.push({
        location: starts[errAt],
        content: c.text,
        provenance: { source: "prm800k", labeler, step: stepIndex, completion: k, rating: 1 },
      });
    });
    if (errors.length > 0) return { ok: false, errors };
  } else if (finish === "solution") label = { step: null, annotator };

  const metadata: Record<string, unknown> = {};
  if (typeof rec.generation === "number") metadata.generation = rec.generation;
  metadata.phase = q.pre_generated_steps !== undefined ? 2 : 1;
  return {
    ok: true,
    value: {
      problem: { statement, referenceSolution, answer, source: "prm800k", externalId: null, metadata },
      trace: { text, generator: "prm800k", externalId: null, correct: null },
      label,
      interventions,
    },
  };
}
