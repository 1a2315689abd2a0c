// Grade one prediction against a gold answer: extract the final answer, then compare.
import { compareAnswers } from "./compare";
import { extractAnswer, findBoxes } from "./extract";
import type { GradeOptions, Verdict } from "./types";

export function gradeAnswer(gold: string, pred: string, opts: GradeOptions = {}): Verdict {
  // A gold given as a whole solution is read by its last box; otherwise it is the answer itself.
  const gb = findBoxes(gold);
  const goldAnswer = gb.length > 0 ? gb[gb.length - 1].content : gold;
  const ex = extractAnswer(pred, opts.predMode ?? "auto");
  if (!ex.ok) return { verdict: "no_answer", method: "extract", extracted: null, reason: ex.reason };
  return { ...compareAnswers(goldAnswer, ex.answer, opts), extracted: ex.answer, extractMethod: ex.method };
}
