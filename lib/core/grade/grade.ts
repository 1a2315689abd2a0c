// Grade one prediction against a gold answer: read the gold, extract the prediction's final
// answer by its mode, then compare. Modes (README in this folder):
//   "solution": the reference's rule for rollouts and sampled attempts, the last \boxed{} (several
//               boxes in the last sentence form a list); without a box, a marked "answer is".
//   "auto":     the lenient extraction for imported data (math-verify's priorities, lenient.ts).
//   "answer":   the text is the answer.
import { compareAnswers } from "./compare";
import { extractAnswer, mathSpans } from "./extract";
import { boxGroup, extractLenient } from "./lenient";
import type { Extraction, GradeOptions, Verdict } from "./types";

/**
 * The gold answer: every box of its last box group (`\boxed{1}\boxed{2}` is the list 1, 2, not 2);
 * else a text of math only, or with an "answer" marker, read as a prediction is; else as written.
 */
export function readGold(gold: string, opts: GradeOptions = {}): string {
  if (opts.goldMode === "answer") return gold;
  const box = boxGroup(gold);
  if (box) return box.answer;
  if (!/[$]|\\[([]/.test(gold)) return gold;
  // Math only ("$5$", "$1$ and $2$") or a marked answer: read as a prediction would be. Prose around
  // the math ("odd $n$", "$g(x)=x^a$ for some $a>0$") is part of the answer: kept whole.
  const prose = mathSpans(gold).prose.replace(/\b(?:and|or)\b|[\s.,;:!]/gi, "");
  if (prose && !/answer/i.test(gold)) return gold;
  const ex = extractLenient(gold, opts.targets);
  return ex.ok ? ex.answer : gold;
}

/** The prediction's final answer as its mode reads it. */
export function extractPrediction(pred: string, opts: GradeOptions = {}): Extraction {
  const mode = opts.predMode ?? "auto";
  if (mode !== "auto") return extractAnswer(pred, mode);
  const ex = extractLenient(pred, opts.targets);
  // Nothing math-verify would find ("The answer is (B)."): the studio's marked-answer reading.
  return ex.ok ? ex : extractAnswer(pred, "auto");
}

export function gradeAnswer(gold: string, pred: string, opts: GradeOptions = {}): Verdict {
  const goldAnswer = readGold(gold, opts);
  const ex = extractPrediction(pred, opts);
  if (!ex.ok) return { verdict: "no_answer", method: "extract", extracted: null, reason: ex.reason };
  return { ...compareAnswers(goldAnswer, ex.answer, opts), extracted: ex.answer, extractMethod: ex.method };
}
