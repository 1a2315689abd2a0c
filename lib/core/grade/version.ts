import type { PredMode } from "./types";

// Named version of the answer grader, reported in every export's provenance.json (issue 12 §6).
// Bump it when a change to lib/core/grade can turn a verdict; the export also reports a hash of
// the grader's source files, so an unbumped change is still visible.
export const GRADER_VERSION = "grade-2026.12-mv1";

/** How rollouts (and sampled attempts) are graded: the continuation is a solution whose marked final answer is read. */
export const ROLLOUT_PRED_MODE: PredMode = "solution";
export const ROLLOUT_GRADE_RULE =
  "the continuation's last \\boxed{} (several boxes in its last sentence form a list; without a box, an explicit 'the answer is') compared with the ground-truth answer by math equivalence (math-verify semantics)";
