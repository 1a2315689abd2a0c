import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { bind, COMPLETE_COUNT_SQL, COMPLETE_INSERT_SQL, END_MINE_SQL, MINE_SQL, TAKE_SQL } from "./queue-sql";

// Working a queue: take the next item (reserve it), skip it (release), complete it. The rule and
// why TAKE is atomic: queue-sql.ts. `now` is a parameter so tests can move time.

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export type Held = { reservationId: string; traceId: string; reservedAt: string; expiresAt: string; resumed: boolean };

export async function takeNext(queueId: string, annotator: string, reserveMinutes: number, now = Date.now()): Promise<Held | null> {
  const id = randomUUID();
  await prisma.$executeRawUnsafe(...bind(TAKE_SQL, { id, me: annotator, now: iso(now), expires: iso(now + reserveMinutes * 60_000), queue: queueId }));
  const [mine] = await prisma.$queryRawUnsafe<{ id: string; traceId: string; reservedAt: string; expiresAt: string }[]>(...bind(MINE_SQL, { queue: queueId, me: annotator, now: iso(now) }));
  if (!mine) return null;
  return { reservationId: mine.id, traceId: mine.traceId, reservedAt: String(mine.reservedAt), expiresAt: String(mine.expiresAt), resumed: mine.id !== id };
}

/** My active reservation of this item, if any (the item screen shows only held items). */
export async function heldBy(queueId: string, annotator: string, now = Date.now()): Promise<Held | null> {
  const [mine] = await prisma.$queryRawUnsafe<{ id: string; traceId: string; reservedAt: string; expiresAt: string }[]>(...bind(MINE_SQL, { queue: queueId, me: annotator, now: iso(now) }));
  return mine ? { reservationId: mine.id, traceId: mine.traceId, reservedAt: String(mine.reservedAt), expiresAt: String(mine.expiresAt), resumed: true } : null;
}

/** Release my hold on an item and do not offer it to me again in this queue. False when I held nothing. */
export async function skipItem(queueId: string, traceId: string, annotator: string, now = Date.now()): Promise<boolean> {
  const n = await prisma.$executeRawUnsafe(...bind(END_MINE_SQL, { queue: queueId, trace: traceId, me: annotator, now: iso(now), reason: "skipped" }));
  return n > 0;
}

/**
 * Record that I completed an item (after my label / decision is stored): one completion per
 * person and item, counted once; my reservation ends. Returns false when I had completed it
 * before (a double submit) or it is not in the queue.
 */
export async function completeItem(queueId: string, traceId: string, annotator: string, now = Date.now()): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const added = await tx.$executeRawUnsafe(...bind(COMPLETE_INSERT_SQL, { queue: queueId, trace: traceId, me: annotator, now: iso(now) }));
    if (added) await tx.$executeRawUnsafe(...bind(COMPLETE_COUNT_SQL, { queue: queueId, trace: traceId }));
    await tx.$executeRawUnsafe(...bind(END_MINE_SQL, { queue: queueId, trace: traceId, me: annotator, now: iso(now), reason: "completed" }));
    return added > 0;
  });
}
