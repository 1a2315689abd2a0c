// The outlier rule of the on-policyness panel (Tukey's upper fence): an intervention is an
// outlier when its mean NLL is above Q3 + 1.5 * IQR of the scored interventions of its dataset
// (same scoring model). Quartiles by linear interpolation between order statistics (numpy's
// default, "type 7"), so the database only has to fetch two neighbouring rows per quartile
// (ORDER BY nllMean LIMIT 2 OFFSET lo) instead of sending every value to JavaScript.

export const TUKEY_K = 1.5;
export const OUTLIER_RULE =
  "mean NLL above Q3 + 1.5 × IQR of this dataset's scored interventions (Tukey's upper fence)";

/** Which order statistics (0-based) quantile q of n sorted values needs, and the weight of the upper one. */
export function quantilePosition(n: number, q: number): { lo: number; frac: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`quantile of ${n} values`);
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} outside 0..1`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  return { lo, frac: h - lo };
}

/** Quantile from the order statistics at lo and lo + 1 (`next` is ignored when frac is 0). */
export function interpolate(at: number, next: number | undefined, frac: number): number {
  return frac === 0 || next === undefined ? at : at + frac * (next - at);
}

/** Reference implementation over a whole array (tests, small inputs). */
export function quantile(sorted: readonly number[], q: number): number {
  const { lo, frac } = quantilePosition(sorted.length, q);
  return interpolate(sorted[lo], sorted[lo + 1], frac);
}

export type Summary = {
  n: number;
  q1: number;
  median: number;
  q3: number;
  iqr: number;
  fence: number;
  min: number;
  max: number;
};

export function summarize(q: { n: number; q1: number; median: number; q3: number; min: number; max: number }): Summary {
  const iqr = q.q3 - q.q1;
  return { ...q, iqr, fence: q.q3 + TUKEY_K * iqr };
}

export function isOutlier(nll: number | null | undefined, fence: number | null | undefined): boolean {
  return typeof nll === "number" && typeof fence === "number" && nll > fence;
}

/** Equal-width bins over [min, max] (one bin when they are equal); the last bin is closed. */
export function binEdges(min: number, max: number, bins = 20): { lo: number; width: number; bins: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) throw new RangeError(`bad range ${min}..${max}`);
  if (max === min) return { lo: min, width: 1, bins: 1 };
  return { lo: min, width: (max - min) / bins, bins };
}

/** The bin a value falls in (what the SQL computes, for tests): floor((x - lo) / width), clamped. */
export function binOf(x: number, e: { lo: number; width: number; bins: number }): number {
  return Math.min(e.bins - 1, Math.max(0, Math.floor((x - e.lo) / e.width)));
}
