// The next-item rule (issue 13 §2), written as a plain function over rows. lib/data/queue-sql.ts
// runs the same rule as one SQL statement (atomic under concurrent requests); the tests hold the
// two equal on random states, so this is the readable specification of what the SQL does.
//
// For person P at time `now`:
//  1. if P holds an active reservation in the queue (not ended, not expired), that item again;
//  2. else the first item in queue order that fewer than `overlap` people have completed, that P
//     has neither completed nor skipped, and that nobody holds; taking it reserves it for P.
// A reservation ends when its holder completes or skips the item, or when it expires.

export type RuleItem = { traceId: string; position: number; doneCount: number };
export type RuleReservation = {
  traceId: string;
  annotator: string;
  expiresAt: number;
  endedAt: number | null;
  endReason: string | null;
};
export type RuleState = {
  overlap: number;
  items: RuleItem[];
  reservations: RuleReservation[];
  completions: { traceId: string; annotator: string }[];
};

export const isActive = (r: RuleReservation, now: number) => r.endedAt === null && r.expiresAt > now;

export function nextItemFor(s: RuleState, me: string, now: number): { traceId: string; resumed: boolean } | null {
  const mine = s.reservations.find((r) => r.annotator === me && isActive(r, now));
  if (mine) return { traceId: mine.traceId, resumed: true };
  const held = new Set(s.reservations.filter((r) => isActive(r, now)).map((r) => r.traceId));
  const skipped = new Set(
    s.reservations.filter((r) => r.annotator === me && r.endReason === "skipped").map((r) => r.traceId),
  );
  const completed = new Set(s.completions.filter((c) => c.annotator === me).map((c) => c.traceId));
  const next = [...s.items]
    .sort((a, b) => a.position - b.position)
    .find(
      (i) => i.doneCount < s.overlap && !completed.has(i.traceId) && !skipped.has(i.traceId) && !held.has(i.traceId),
    );
  return next ? { traceId: next.traceId, resumed: false } : null;
}
