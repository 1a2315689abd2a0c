// Progress arithmetic for a queue (pure; the counts come from lib/data/queues.ts).

/** Median of seconds per item; null when nothing is done. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Remaining work of a queue in completions: each item needs `overlap` of them. An item done by
 * more people than the overlap (a late submit after a reservation expired) does not count twice.
 */
export function remainingCompletions(
  items: number,
  overlap: number,
  doneCounts: { doneCount: number; n: number }[],
): number {
  let done = 0;
  for (const d of doneCounts) done += Math.min(d.doneCount, overlap) * d.n;
  return Math.max(0, items * overlap - done);
}

export function formatSeconds(s: number | null): string {
  if (s === null) return "—";
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
