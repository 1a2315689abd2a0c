import { columns, table, type Column } from "./sql-types";

// The statements of the next-item rule (lib/core/queues/next-item.ts is its specification).

// Names checked against the schema by tsc (./sql-types.ts); the aliases are the statements' own.
const QI = table("QueueItem", "qi");
const Item = table("QueueItem");
const R = table("QueueReservation");
const Q = table("Queue");
const mine = table("QueueReservation", "mine");
const r = table("QueueReservation", "r");
const c = table("QueueCompletion", "c");

// The index TAKE walks (queue, open, position order). Prisma names an index `Table_col1_col2_idx`
// (migration 20261206030000_work_queues), so the name is built from typed columns: renaming one renames
// the index and fails tsc here. That the index exists is checked when TAKE is prepared ("no such index").
const OPEN_ORDER: Column<"QueueItem">[] = ["queueId", "open", "position"];
const OPEN_ORDER_INDEX = `"${["QueueItem", ...OPEN_ORDER, "idx"].join("_")}"`;

// TAKE is ONE statement: SQLite opens a write statement's transaction with the write lock before
// it reads anything (WAL: one writer at a time, the read snapshot taken under the lock), so the
// checks "nobody holds it" and "I hold nothing" and the INSERT that reserves cannot interleave
// with another request's, in this process or another. Concurrent takers wait on the busy timeout.
// Times are Prisma's DateTime text form (ISO, "+00:00"), which sorts as it compares.
export const TAKE_SQL = `
INSERT INTO ${R} (${columns("QueueReservation", ["id", "queueId", "traceId", "annotator", "reservedAt", "expiresAt"])})
SELECT :id, ${QI.queueId}, ${QI.traceId}, :me, :now, :expires
FROM ${QI} INDEXED BY ${OPEN_ORDER_INDEX}
WHERE ${QI.queueId} = :queue AND ${QI.open} = 1
  AND NOT EXISTS (SELECT 1 FROM ${mine} WHERE ${mine.queueId} = :queue AND ${mine.annotator} = :me AND ${mine.endedAt} IS NULL AND ${mine.expiresAt} > :now)
  AND NOT EXISTS (SELECT 1 FROM ${r} WHERE ${r.queueId} = :queue AND ${r.traceId} = ${QI.traceId} AND (${r.endedAt} IS NULL AND ${r.expiresAt} > :now OR ${r.annotator} = :me AND ${r.endReason} = 'skipped'))
  AND NOT EXISTS (SELECT 1 FROM ${c} WHERE ${c.queueId} = :queue AND ${c.traceId} = ${QI.traceId} AND ${c.annotator} = :me)
ORDER BY ${QI.position}
LIMIT 1`;

/** My active reservation in a queue (after TAKE: the one it made, or the one I already held). */
export const MINE_SQL = `
SELECT ${columns("QueueReservation", ["id", "traceId", "reservedAt", "expiresAt"])} FROM ${R}
WHERE ${R.queueId} = :queue AND ${R.annotator} = :me AND ${R.endedAt} IS NULL AND ${R.expiresAt} > :now
ORDER BY ${R.reservedAt} LIMIT 1`;

/** Complete: first statement is a write, so the transaction holds the write lock from its start. */
export const COMPLETE_INSERT_SQL = `
INSERT OR IGNORE INTO ${table("QueueCompletion")} (${columns("QueueCompletion", ["queueId", "traceId", "annotator", "seconds", "createdAt"])})
SELECT :queue, :trace, :me,
  COALESCE((SELECT ROUND((julianday(:now) - julianday(MAX(${r.reservedAt}))) * 86400.0, 3) FROM ${r}
            WHERE ${r.queueId} = :queue AND ${r.traceId} = :trace AND ${r.annotator} = :me AND (${r.endedAt} IS NULL OR ${r.endReason} = 'completed')), 0),
  :now
WHERE EXISTS (SELECT 1 FROM ${Item} WHERE ${Item.queueId} = :queue AND ${Item.traceId} = :trace)`;

export const COMPLETE_COUNT_SQL = `
UPDATE ${Item} SET ${Item.doneCount} = ${Item.doneCount} + 1, ${Item.open} = (${Item.doneCount} + 1 < (SELECT ${Q.overlap} FROM ${Q} WHERE ${Q.id} = :queue))
WHERE ${Item.queueId} = :queue AND ${Item.traceId} = :trace`;

export const END_MINE_SQL = `
UPDATE ${R} SET ${R.endedAt} = :now, ${R.endReason} = :reason
WHERE ${R.queueId} = :queue AND ${R.traceId} = :trace AND ${R.annotator} = :me AND ${R.endedAt} IS NULL`;

/** `:name` placeholders to `?` and their values in order (the Prisma adapter binds positional values only). */
export function bind(sql: string, values: Record<string, unknown>): [string, ...unknown[]] {
  const args: unknown[] = [];
  const text = sql.replace(/:([a-z]+)/g, (_, k: string) => {
    if (!(k in values)) throw new Error(`queue-sql: no value for :${k}`);
    args.push(values[k]);
    return "?";
  });
  return [text, ...args];
}
