import { prisma } from "@/lib/db";
import { median, remainingCompletions } from "@/lib/core/queues/progress";
import { table, type Row } from "./sql-types";

// Progress of a queue, overall and per person: done, in progress, remaining, median seconds per item.

export type PersonProgress = { annotator: string; done: number; inProgress: number; medianSeconds: number | null };
export type QueueProgress = {
  items: number; // traces in the queue
  itemsDone: number; // completed by `overlap` people
  inProgress: number; // active reservations
  remaining: number; // completions still needed (items x overlap - done)
  completions: number;
  medianSeconds: number | null;
  people: PersonProgress[];
};

// (names checked against the schema by tsc: ./sql-types.ts)
const I = table("QueueItem");
const R = table("QueueReservation");
const QI = table("QueueItem", "qi");
const QC = table("QueueCompletion", "c");
const QS = table("QueueReservation", "s");

const COUNTS_SQL = `SELECT ${I.doneCount}, COUNT(*) AS n FROM ${I} WHERE ${I.queueId} = ? GROUP BY ${I.doneCount}`;
const HELD_SQL = `SELECT ${R.annotator}, COUNT(*) AS n FROM ${R} WHERE ${R.queueId} = ? AND ${R.endedAt} IS NULL AND ${R.expiresAt} > ? GROUP BY ${R.annotator}`;
const WAITING_SQL = `SELECT COUNT(*) AS n FROM ${QI} WHERE ${QI.queueId} = ? AND ${QI.open} = 1
       AND NOT EXISTS (SELECT 1 FROM ${QC} WHERE ${QC.queueId} = ${QI.queueId} AND ${QC.traceId} = ${QI.traceId} AND ${QC.annotator} = ?)
       AND NOT EXISTS (SELECT 1 FROM ${QS} WHERE ${QS.queueId} = ${QI.queueId} AND ${QS.traceId} = ${QI.traceId} AND ${QS.annotator} = ? AND ${QS.endReason} = 'skipped')`;
type Count = { n: number | bigint };

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export async function queueProgress(queueId: string, overlap: number, now = Date.now()): Promise<QueueProgress> {
  const counts = await prisma.$queryRawUnsafe<(Row<"QueueItem", "doneCount"> & Count)[]>(COUNTS_SQL, queueId);
  const dc = counts.map((c) => ({ doneCount: Number(c.doneCount), n: Number(c.n) }));
  const items = dc.reduce((a, c) => a + c.n, 0);
  const held = await prisma.$queryRawUnsafe<(Row<"QueueReservation", "annotator"> & Count)[]>(HELD_SQL, queueId, iso(now));
  const done = await prisma.queueCompletion.findMany({ where: { queueId }, select: { annotator: true, seconds: true } });
  const by = new Map<string, number[]>();
  for (const d of done) by.set(d.annotator, [...(by.get(d.annotator) ?? []), d.seconds]);
  const names = [...new Set([...by.keys(), ...held.map((h) => h.annotator)])].sort();
  return {
    items,
    itemsDone: dc.filter((c) => c.doneCount >= overlap).reduce((a, c) => a + c.n, 0),
    inProgress: held.reduce((a, h) => a + Number(h.n), 0),
    remaining: remainingCompletions(items, overlap, dc),
    completions: done.length,
    medianSeconds: median(done.map((d) => d.seconds)),
    people: names.map((annotator) => ({
      annotator, done: by.get(annotator)?.length ?? 0, inProgress: Number(held.find((h) => h.annotator === annotator)?.n ?? 0), medianSeconds: median(by.get(annotator) ?? []),
    })),
  };
}

/** My counts in a queue (the "done" screen). */
export async function myQueueCounts(queueId: string, me: string): Promise<{ done: number; skipped: number; medianSeconds: number | null }> {
  const mine = await prisma.queueCompletion.findMany({ where: { queueId, annotator: me }, select: { seconds: true } });
  const skipped = await prisma.queueReservation.count({ where: { queueId, annotator: me, endReason: "skipped" } });
  return { done: mine.length, skipped, medianSeconds: median(mine.map((m) => m.seconds)) };
}

/**
 * Items that still need me: open, and neither completed nor skipped by me. The done screen shows
 * "done" only at 0. Non-zero there means someone else holds them (with overlap 2 the item the other
 * person holds needs me too once they finish), or one was freed since my last take: "Check again".
 */
export async function waitingForMe(queueId: string, me: string): Promise<number> {
  const [{ n }] = await prisma.$queryRawUnsafe<Count[]>(WAITING_SQL, queueId, me, me);
  return Number(n);
}
