// The statements of the next-item rule (lib/core/queues/next-item.ts is its specification).
//
// TAKE is ONE statement: SQLite opens a write statement's transaction with the write lock before
// it reads anything (WAL: one writer at a time, the read snapshot taken under the lock), so the
// checks "nobody holds it" and "I hold nothing" and the INSERT that reserves cannot interleave
// with another request's, in this process or another. Concurrent takers wait on the busy timeout.
// Times are Prisma's DateTime text form (ISO, "+00:00"), which sorts as it compares.
export const TAKE_SQL = `
INSERT INTO "QueueReservation" ("id", "queueId", "traceId", "annotator", "reservedAt", "expiresAt")
SELECT :id, qi."queueId", qi."traceId", :me, :now, :expires
FROM "QueueItem" qi INDEXED BY "QueueItem_queueId_open_position_idx"
WHERE qi."queueId" = :queue AND qi."open" = 1
  AND NOT EXISTS (SELECT 1 FROM "QueueReservation" mine WHERE mine."queueId" = :queue AND mine."annotator" = :me AND mine."endedAt" IS NULL AND mine."expiresAt" > :now)
  AND NOT EXISTS (SELECT 1 FROM "QueueReservation" r WHERE r."queueId" = :queue AND r."traceId" = qi."traceId" AND (r."endedAt" IS NULL AND r."expiresAt" > :now OR r."annotator" = :me AND r."endReason" = 'skipped'))
  AND NOT EXISTS (SELECT 1 FROM "QueueCompletion" c WHERE c."queueId" = :queue AND c."traceId" = qi."traceId" AND c."annotator" = :me)
ORDER BY qi."position"
LIMIT 1`;

/** My active reservation in a queue (after TAKE: the one it made, or the one I already held). */
export const MINE_SQL = `
SELECT "id", "traceId", "reservedAt", "expiresAt" FROM "QueueReservation"
WHERE "queueId" = :queue AND "annotator" = :me AND "endedAt" IS NULL AND "expiresAt" > :now
ORDER BY "reservedAt" LIMIT 1`;

/** Complete: first statement is a write, so the transaction holds the write lock from its start. */
export const COMPLETE_INSERT_SQL = `
INSERT OR IGNORE INTO "QueueCompletion" ("queueId", "traceId", "annotator", "seconds", "createdAt")
SELECT :queue, :trace, :me,
  COALESCE((SELECT ROUND((julianday(:now) - julianday(MAX(r."reservedAt"))) * 86400.0, 3) FROM "QueueReservation" r
            WHERE r."queueId" = :queue AND r."traceId" = :trace AND r."annotator" = :me AND (r."endedAt" IS NULL OR r."endReason" = 'completed')), 0),
  :now
WHERE EXISTS (SELECT 1 FROM "QueueItem" WHERE "queueId" = :queue AND "traceId" = :trace)`;

export const COMPLETE_COUNT_SQL = `
UPDATE "QueueItem" SET "doneCount" = "doneCount" + 1, "open" = ("doneCount" + 1 < (SELECT "overlap" FROM "Queue" WHERE "id" = :queue))
WHERE "queueId" = :queue AND "traceId" = :trace`;

export const END_MINE_SQL = `
UPDATE "QueueReservation" SET "endedAt" = :now, "endReason" = :reason
WHERE "queueId" = :queue AND "traceId" = :trace AND "annotator" = :me AND "endedAt" IS NULL`;

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
