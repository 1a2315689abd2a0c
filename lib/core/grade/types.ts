// Shared types of answer grading (issue 4 §1). A verdict always says which rule decided it
// (`method`) and carries the normalised strings it compared, so a reviewer can see why.

export type VerdictKind = "equal" | "not_equal" | "no_answer" | "unparseable" | "timeout" | "error";

/** How the final answer was found in the prediction. */
export type ExtractMethod = "boxed" | "boxed-list" | "answer-is" | "final-answer" | "bold" | "bare" | "last-math";

export type Extraction = { ok: true; answer: string; method: ExtractMethod } | { ok: false; reason: string };

export interface Verdict {
  verdict: VerdictKind;
  /** The rule that decided: "exact-rational", "numeric-decimal", "set-unordered", "timeout-soft", ... */
  method: string;
  /** The final answer found in the prediction (null when there is none). */
  extracted: string | null;
  extractMethod?: ExtractMethod;
  /** Normalised gold and prediction as they were compared. */
  goldNormalised?: string;
  predNormalised?: string;
  /** For `unparseable`: which side could not be read. */
  side?: "gold" | "pred";
  /** Short human reason for no_answer / unparseable / timeout / error. */
  reason?: string;
}

export interface CompareOptions {
  /** Wall-clock limit handed to the compute engine for one comparison (ms). */
  softLimitMs?: number;
  /**
   * math-verify's `float_rounding`: when set and one side is a decimal, both sides are rounded to
   * this many places and compared. Unset: a decimal is judged at its own precision (our default).
   */
  floatRounding?: number;
}

export type PredMode = "auto" | "solution" | "answer";

export interface GradeOptions extends CompareOptions {
  /**
   * "solution": the prediction is a solution; its final answer must be marked (\boxed, "answer is").
   * "answer": the prediction is already the answer. "auto": marked answer if any, else the whole
   * prediction when it is short and reads like an answer rather than prose.
   */
  predMode?: PredMode;
  /** How the gold is read: "auto" (its boxes, else its marked or only answer), or "answer" (verbatim). */
  goldMode?: "auto" | "answer";
  /** math-verify's extraction targets for "auto": LaTeX spans, plain numbers/expressions, or both (default). */
  targets?: ("latex" | "expr")[];
}
