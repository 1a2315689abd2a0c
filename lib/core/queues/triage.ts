// Triage order (issue 13 §2): the most valuable items first. Each trace gets the signals below;
// items are ordered by the highest-ranked signal they have, then by how many they have, then by
// the filter's order. Signals are listed here in rank order, and this list is what the queue
// screen shows as "the rule".
export const TRIAGE_SIGNALS = [
  { key: "modelSplit", words: "model proposals disagree with each other on the first-error step" },
  { key: "modelVsImported", words: "the model's label disagrees with the imported label" },
  { key: "rolloutsAllFailed", words: "an intervention whose rollouts all failed" },
  { key: "onpolicyOutlier", words: "an intervention that is an on-policyness outlier (NLL above Q3 + 1.5 IQR)" },
  { key: "answerLeak", words: "a proposal held back because it contains the answer" },
] as const;
export type TriageSignal = (typeof TRIAGE_SIGNALS)[number]["key"];
export type TriageFacts = Partial<Record<TriageSignal, boolean>>;

export const TRIAGE_RULE =
  "Most valuable first: " +
  TRIAGE_SIGNALS.map((s, i) => `${i + 1}. ${s.words}`).join("; ") +
  ". Items are ranked by their highest signal, then by how many signals they have, then in the list's order; items with none come last.";

/** Sort key: lower comes first. */
export function triageRank(f: TriageFacts): number {
  const hits = TRIAGE_SIGNALS.map((s) => !!f[s.key]);
  const first = hits.indexOf(true);
  if (first < 0) return TRIAGE_SIGNALS.length * 10;
  const count = hits.filter(Boolean).length;
  return first * 10 + (TRIAGE_SIGNALS.length - count);
}

/** Short reason shown beside the item ("model split, rollouts all failed"). */
export function triageReason(f: TriageFacts): string {
  return TRIAGE_SIGNALS.filter((s) => f[s.key])
    .map((s) => s.words)
    .join("; ");
}

/** Positions for traces (already in filter order) by triage rank; stable, so ties keep the filter order. */
export function triageOrder<T extends { facts: TriageFacts }>(items: readonly T[]): T[] {
  return items
    .map((it, i) => ({ it, i, r: triageRank(it.facts) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.it);
}
