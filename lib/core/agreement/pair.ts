import { harmonicMean } from "../compare/agreement";

// Agreement of one rater with a reference on the traces both labelled. A label is a 1-based
// first-error step, or null for "no error". ProcessBench's metric (Zheng et al. 2024, §3):
// accuracy on the traces the reference marks erroneous (the rater must name the same step),
// accuracy on the traces the reference marks error-free (the rater must say "no error"), and
// their harmonic mean (their "F1"). Exact and within-one agreement are symmetric.

export type Step = number | null;
export type StepPair = { rater: Step; reference: Step; count?: number };

export type PairStats = {
  n: number; // traces labelled by both
  exact: number; // same step, or both "no error"
  withinOne: number; // steps at most one apart, or both "no error" ("no error" is never near a step)
  exactRate: number | null;
  withinOneRate: number | null;
  erroneous: number; // traces the reference marks erroneous
  erroneousMatched: number;
  errorFree: number; // traces the reference marks error-free
  errorFreeMatched: number;
  accErroneous: number | null;
  accErrorFree: number | null;
  f1: number | null; // null when either accuracy is undefined (no trace of that kind)
};

export function pairStats(pairs: readonly StepPair[]): PairStats {
  let n = 0,
    exact = 0,
    withinOne = 0,
    erroneous = 0,
    erroneousMatched = 0,
    errorFree = 0,
    errorFreeMatched = 0;
  for (const p of pairs) {
    const k = p.count ?? 1;
    const same = p.rater === p.reference;
    n += k;
    if (same) exact += k;
    if (same || (p.rater !== null && p.reference !== null && Math.abs(p.rater - p.reference) <= 1)) withinOne += k;
    if (p.reference === null) {
      errorFree += k;
      if (same) errorFreeMatched += k;
    } else {
      erroneous += k;
      if (same) erroneousMatched += k;
    }
  }
  const rate = (a: number, b: number) => (b ? a / b : null);
  const accErroneous = rate(erroneousMatched, erroneous);
  const accErrorFree = rate(errorFreeMatched, errorFree);
  return {
    n,
    exact,
    withinOne,
    exactRate: rate(exact, n),
    withinOneRate: rate(withinOne, n),
    erroneous,
    erroneousMatched,
    errorFree,
    errorFreeMatched,
    accErroneous,
    accErrorFree,
    f1: accErroneous !== null && accErrorFree !== null ? harmonicMean(accErroneous, accErrorFree) : null,
  };
}
