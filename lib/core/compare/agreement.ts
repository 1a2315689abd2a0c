// Model vs human first-error agreement with ProcessBench's metric: on traces the human marks
// erroneous, the model must name the same step; on traces the human marks correct ("no error",
// null), the model must say no error. F1 is the harmonic mean of the two accuracies.
// Steps are 1-based; null = no error.

export type LabelPair = { human: number | null; model: number | null };
export type OffsetBucket = "earlier" | "same" | "later" | "missed" | "falseAlarm" | "bothNone";

export function offsetBucket(p: LabelPair): OffsetBucket {
  if (p.human === null) return p.model === null ? "bothNone" : "falseAlarm";
  if (p.model === null) return "missed";
  return p.model < p.human ? "earlier" : p.model > p.human ? "later" : "same";
}

export type Agreement = {
  erroneous: number; // traces the human marks erroneous
  erroneousCorrect: number;
  correct: number; // traces the human marks correct
  correctCorrect: number;
  accErroneous: number | null;
  accCorrect: number | null;
  f1: number | null;
  buckets: Record<OffsetBucket, number>;
  offsets: { offset: number; count: number }[]; // model - human, when both name a step
};

export const harmonicMean = (a: number, b: number) => (a + b === 0 ? 0 : (2 * a * b) / (a + b));

/** From pairs with counts (what a GROUP BY returns) or single pairs (count 1). */
export function agreement(pairs: readonly (LabelPair & { count?: number })[]): Agreement {
  const buckets: Record<OffsetBucket, number> = {
    earlier: 0,
    same: 0,
    later: 0,
    missed: 0,
    falseAlarm: 0,
    bothNone: 0,
  };
  const offsets = new Map<number, number>();
  for (const p of pairs) {
    const k = p.count ?? 1;
    buckets[offsetBucket(p)] += k;
    if (p.human !== null && p.model !== null) offsets.set(p.model - p.human, (offsets.get(p.model - p.human) ?? 0) + k);
  }
  const erroneous = buckets.earlier + buckets.same + buckets.later + buckets.missed;
  const correct = buckets.falseAlarm + buckets.bothNone;
  const accErroneous = erroneous ? buckets.same / erroneous : null;
  const accCorrect = correct ? buckets.bothNone / correct : null;
  return {
    erroneous,
    erroneousCorrect: buckets.same,
    correct,
    correctCorrect: buckets.bothNone,
    accErroneous,
    accCorrect,
    f1: accErroneous !== null && accCorrect !== null ? harmonicMean(accErroneous, accCorrect) : null,
    buckets,
    offsets: [...offsets.entries()].sort((x, y) => x[0] - y[0]).map(([offset, count]) => ({ offset, count })),
  };
}
