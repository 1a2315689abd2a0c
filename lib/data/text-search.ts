import { prisma, type Db } from "@/lib/db";
import { stmt, writeTx } from "@/lib/data/stage-db";
import { RetryableError } from "@/lib/jobs/types";
import { table } from "@/lib/data/sql-types";

// Background indexing of the text search (issue 15 §4). New rows are the rows above the table's
// mark in "TextFtsMark", edited ones wait in *FtsPending (migration 20261206020000_text_search_fts:
// tokenizing at insert time made the import 12x slower); this moves them into the trigram indexes
// (and the word index of traces) in small transactions, oldest first, so a writer never waits long behind it. Searches are exact at any point (queued rows are
// LIKE-checked), only faster once the queue is empty. Started by the dataset's trace list page
// (the page an import leads to): it runs until the queue is empty, one run per process.

const BATCH = 500; // ~0.2 s of tokenizing per transaction at 5 KB per trace

// The indexed column of each table typed from the schema (lib/data/sql-types.ts); the FTS tables,
// the mark and the pending queues are not Prisma models (migration 20261206020000): plain names.
// A trace goes into the trigram and the word index (migration 20261206110000_text_search_words) in
// the same transaction: both share the mark and the queue, so a row is in both or in neither.
const TABLES = [
  { fts: ["TraceTextFts", "TraceWordFts"], table: "Trace", ref: table("Trace"), column: table("Trace").text, pending: "TraceFtsPending" },
  { fts: ["ProblemTextFts"], table: "Problem", ref: table("Problem"), column: table("Problem").statement, pending: "ProblemFtsPending" },
] as const;

/**
 * Indexes, in one transaction per table, the next `batch` rows above the table's mark (then moves
 * the mark past them) and up to `batch` edited rows at or below the mark (an edited row above it
 * waits: the mark's pass indexes it, and only then may the edit re-index it, never twice).
 * Returns how many rows it indexed. Written through the stage connection (lib/data/stage-db.ts):
 * behind another writer (an import holds the write lock for its whole transaction) it waits in
 * short async pauses, never synchronously on the server's event loop (through Prisma every page
 * of the server stalled for the busy timeout while an import ran).
 */
export async function indexQueuedText(batch = BATCH): Promise<number> {
  let n = 0;
  for (const q of TABLES) n += await writeTx(() => indexTable(q, batch));
  return n;
}

function indexTable(q: (typeof TABLES)[number], batch: number): number {
  const mark = `(SELECT "mark" FROM "TextFtsMark" WHERE "tbl" = '${q.table}')`;
  const row = stmt<{ top: bigint | number | null }>(
    `SELECT MAX(r) AS top FROM (SELECT rowid AS r FROM ${q.ref} WHERE rowid > ${mark} ORDER BY rowid LIMIT ${batch})`).get() as { top: bigint | number | null };
  let k = 0;
  if (row.top !== null) {
    for (const fts of q.fts)
      k = stmt(`INSERT INTO "${fts}"(rowid, ${q.column}) SELECT rowid, ${q.column} FROM ${q.ref} WHERE rowid > ${mark} AND rowid <= ?`).run(Number(row.top)).changes;
    stmt(`UPDATE "TextFtsMark" SET "mark" = ? WHERE "tbl" = '${q.table}'`).run(Number(row.top));
  }
  const edited = `SELECT "rid" FROM "${q.pending}" WHERE "rid" <= ${mark} ORDER BY "rid" LIMIT ${batch}`;
  let e = 0;
  for (const fts of q.fts) {
    stmt(`DELETE FROM "${fts}" WHERE rowid IN (${edited})`).run(); // not indexed, unless a mark pass did it
    e = stmt(`INSERT INTO "${fts}"(rowid, ${q.column}) SELECT x.rowid, x.${q.column} FROM ${q.ref} x WHERE x.rowid IN (${edited})`).run().changes;
  }
  stmt(`DELETE FROM "${q.pending}" WHERE "rid" IN (${edited})`).run();
  return k + e;
}

const queued = (q: (typeof TABLES)[number]) =>
  `(SELECT COUNT(*) FROM ${q.ref} WHERE rowid > (SELECT "mark" FROM "TextFtsMark" WHERE "tbl" = '${q.table}')) + (SELECT COUNT(*) FROM "${q.pending}")`;
const QUEUED = `SELECT ${TABLES.map(queued).join(" + ")} AS n`;

/** Rows not indexed yet (both tables): above the mark, or edited. */
export async function queuedTextCount(db: Db = prisma): Promise<number> {
  const [r] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(QUEUED);
  return Number(r.n);
}

let running: Promise<void> | null = null;

/** Indexes the queue in the background unless it is empty or already running; the promise ends with the queue empty. */
export function startTextIndexing(db: Db = prisma): Promise<void> {
  running ??= (async () => {
    try {
      // a read first: an empty queue costs no write transaction
      while ((await queuedTextCount(db)) > 0) {
        try {
          await indexQueuedText();
        } catch (e) {
          if (!(e instanceof RetryableError)) throw e;
          await new Promise((r) => setTimeout(r, 5_000).unref?.()); // a long writer (an import): try again later
        }
        await new Promise((r) => setImmediate(r)); // let requests in between batches
      }
    } catch (e) {
      console.error("text search indexing stopped (searches stay exact, LIKE-checking the queued rows):", e);
    } finally {
      running = null;
    }
  })();
  return running;
}
