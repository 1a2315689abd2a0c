import type { Tx } from "@/lib/db";
import type { Intervention } from "@/lib/generated/prisma/client";

// Rollouts prove the text they continued from. When a person changes an intervention's content
// or location (an edit, or an undo that restores older text), the rollouts built on the old text
// prove nothing about the new one. They are model output, so they are deleted (the keep filter
// and the Table-1 summary then count only rollouts of the current text): the "intervention"
// condition always, "prefix" and "original" only when the location moved, "problem" never (it
// does not depend on the intervention). The keep verdict is reset (verified = null, counts 0) and
// the intervention's provenance records what was dropped, so the review UI can say
// "rollouts are stale, re-run". Nothing a person wrote is touched. Runs inside the edit's transaction.

export type StaleMark = { at: string; by: string; dropped: number; correct: number; total: number; verified: boolean | null };
type Text = { content: string; location: number };

export function staleConditions(before: Text, after: Text): string[] {
  if (before.location !== after.location) return ["intervention", "prefix", "original"];
  return before.content !== after.content ? ["intervention"] : [];
}

/** Returns the updated row when rollouts (or a verdict) were invalidated, else null. */
export async function markRolloutsStale(tx: Tx, x: { id: string; actor: string; before: Text; after: Text }): Promise<Intervention | null> {
  const conditions = staleConditions(x.before, x.after);
  if (conditions.length === 0) return null;
  const cur = await tx.intervention.findUnique({ where: { id: x.id }, select: { verified: true, rolloutsCorrect: true, rolloutsTotal: true, provenance: true } });
  if (!cur) return null;
  const { count } = await tx.rollout.deleteMany({ where: { interventionId: x.id, condition: { in: conditions } } });
  if (count === 0 && cur.verified === null && cur.rolloutsTotal === 0) return null;
  const mark: StaleMark = { at: new Date().toISOString(), by: x.actor, dropped: count, correct: cur.rolloutsCorrect, total: cur.rolloutsTotal, verified: cur.verified };
  // not a person's decision about the row: no version bump (the edit itself already bumped it)
  return tx.intervention.update({
    where: { id: x.id },
    data: { verified: null, rolloutsCorrect: 0, rolloutsTotal: 0, provenance: JSON.stringify({ ...parseObject(cur.provenance), rolloutsStale: mark }) },
  });
}

/** The stale mark of an intervention's provenance, if its rollouts were invalidated by an edit. */
export function staleMark(provenance: string): StaleMark | null {
  const m = parseObject(provenance).rolloutsStale;
  if (!m || typeof m !== "object") return null;
  const s = m as Partial<StaleMark>;
  return typeof s.at === "string" ? (s as StaleMark) : null;
}

/**
 * Stale until "intervention" rollouts exist again: the edit deleted every one of the old text, so
 * any that exist were stored after it (a re-run). No timestamps compared: rows come from
 * different writers.
 */
export function rolloutsStale(mark: StaleMark | null, rollouts: { condition: string }[]): StaleMark | null {
  if (!mark) return null;
  return rollouts.some((r) => r.condition === "intervention") ? null : mark;
}

function parseObject(s: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
