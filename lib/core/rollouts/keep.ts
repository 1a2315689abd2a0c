// The keep filter of method.md §6: an intervention is kept ("verified") when at least M of its
// rollouts from problem + prefix + intervention are correct (paper: M = 1 of K = 32).

export const DEFAULT_ROLLOUT_K = 32;
export const DEFAULT_MIN_CORRECT = 1;

export type KeepState = { verified: boolean | null; rolloutsCorrect: number; rolloutsTotal: number };

/** null = not rolled out yet (no rollouts), else correct >= M. */
export function keepState(correct: number, total: number, minCorrect = DEFAULT_MIN_CORRECT): KeepState {
  if (!Number.isInteger(minCorrect) || minCorrect < 1)
    throw new RangeError(`M must be an integer >= 1, got ${minCorrect}`);
  return { verified: total === 0 ? null : correct >= minCorrect, rolloutsCorrect: correct, rolloutsTotal: total };
}

/** Why an export drops a row under the "verified only" option, or null when it keeps it. */
export function unverifiedReason(verified: boolean | null): "not-rolled-out" | "failed-keep-filter" | null {
  if (verified === null) return "not-rolled-out";
  return verified ? null : "failed-keep-filter";
}
