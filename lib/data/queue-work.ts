import { randomUUID } from "node:crypto";
import { read, stmt, writeTx } from "@/lib/data/stage-db";
import { nowText } from "@/lib/data/sqlite";
import { writerThread } from "./writer-thread";
import { bind, COMPLETE_COUNT_SQL, COMPLETE_INSERT_SQL, END_MINE_SQL, MINE_SQL, TAKE_SQL } from "./queue-sql";

// Working a queue: take the next item (reserve it), skip it (release), complete it. The rule and
// why TAKE is atomic: queue-sql.ts. `now` is a parameter so tests can move time.
//
// These statements run on the direct better-sqlite3 connection (lib/jobs/stage-db.ts), not
// through Prisma: each Prisma call costs ~5 ms of CPU and a burst of requests is answered all at
// once at the end, so 20 people pressing Start together waited ~0.2 s (6 s on a loaded machine)
// for the last answer; a prepared statement costs ~0.05 ms (bench/queue-load.ts). writeTx runs
// the read of my hold and, if none, TAKE in one IMMEDIATE transaction. That connection commits with
// synchronous=NORMAL: durable across a crash of the process (the restart test), a power cut may
// lose the last holds (the item is offered again); labels go through lib/db.

const iso = (ms: number) => nowText(new Date(ms));

export type Held = { reservationId: string; traceId: string; reservedAt: string; expiresAt: string; resumed: boolean };
type MineRow = { id: string; traceId: string; reservedAt: string; expiresAt: string };
const held = (m: MineRow, resumed: boolean): Held => ({ reservationId: m.id, traceId: m.traceId, reservedAt: m.reservedAt, expiresAt: m.expiresAt, resumed });

export async function takeNext(queueId: string, annotator: string, reserveMinutes: number, now = Date.now()): Promise<Held | null> {
  writerThread(); // started with the first take, so it is warm by the first submit
  const id = randomUUID();
  const [sql, ...args] = bind(MINE_SQL, { queue: queueId, me: annotator, now: iso(now) });
  const mine = await writeTx(() => {
    // Mine first: when I already hold an item (Start again, a reload, everyone after a restart),
    // TAKE finds no row and so reads every open item of the queue (38 ms at 100,000 items, and
    // the 20 people resuming after the bench's restart waited 380 ms); my hold is one index lookup.
    const held = stmt<MineRow>(sql).get(...args);
    if (held) return held;
    const [take, ...takeArgs] = bind(TAKE_SQL, { id, me: annotator, now: iso(now), expires: iso(now + reserveMinutes * 60_000), queue: queueId });
    stmt(take).run(...takeArgs);
    return stmt<MineRow>(sql).get(...args);
  });
  return mine ? held(mine, mine.id !== id) : null;
}

/** My active reservation in this queue, if any (the item screen shows only held items). */
export async function heldBy(queueId: string, annotator: string, now = Date.now()): Promise<Held | null> {
  const [sql, ...args] = bind(MINE_SQL, { queue: queueId, me: annotator, now: iso(now) });
  const mine = await read(() => stmt<MineRow>(sql).get(...args));
  return mine ? held(mine, true) : null;
}

/** Release my hold on an item and do not offer it to me again in this queue. False when I held nothing. */
export async function skipItem(queueId: string, traceId: string, annotator: string, now = Date.now()): Promise<boolean> {
  const [sql, ...args] = bind(END_MINE_SQL, { queue: queueId, trace: traceId, me: annotator, now: iso(now), reason: "skipped" });
  return (await writeTx(() => stmt(sql).run(...args).changes)) > 0;
}

/**
 * Record that I completed an item (after my label / decision is stored): one completion per
 * person and item, counted once; my reservation ends. Returns false when I had completed it
 * before (a double submit) or it is not in the queue.
 */
export async function completeItem(queueId: string, traceId: string, annotator: string, now = Date.now()): Promise<boolean> {
  const v = { queue: queueId, trace: traceId, me: annotator, now: iso(now) };
  const run = (sql: string, values: Record<string, unknown>) => {
    const [text, ...args] = bind(sql, values);
    return stmt(text).run(...args).changes;
  };
  return writeTx(() => {
    const added = run(COMPLETE_INSERT_SQL, v);
    if (added) run(COMPLETE_COUNT_SQL, { queue: queueId, trace: traceId });
    run(END_MINE_SQL, { ...v, reason: "completed" });
    return added > 0;
  });
}
