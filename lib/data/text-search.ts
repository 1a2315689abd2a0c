import { prisma, type Db } from "@/lib/db";

// Background indexing of the text search (issue 15 §4). New rows are the rows above the table's
// mark in "TextFtsMark", edited ones wait in *FtsPending (migration 20261206020000_text_search_fts:
// tokenizing at insert time made the import 12x slower); this moves them into the trigram indexes
// in small transactions, oldest first, so a writer never waits long behind it. Searches are exact at any point (queued rows are
// LIKE-checked), only faster once the queue is empty. Started by the dataset's trace list page
// (the page an import leads to): it runs until the queue is empty, one run per process.

const BATCH = 500; // ~0.2 s of tokenizing per transaction at 5 KB per trace

const TABLES = [
  { fts: "TraceTextFts", column: "text", table: "Trace", pending: "TraceFtsPending" },
  { fts: "ProblemTextFts", column: "statement", table: "Problem", pending: "ProblemFtsPending" },
] as const;

/**
 * Indexes, in one transaction per table, the next `batch` rows above the table's mark (then moves
 * the mark past them) and up to `batch` edited rows at or below the mark (an edited row above it
 * waits: the mark's pass indexes it, and only then may the edit re-index it, never twice).
 * Returns how many rows it indexed.
 */
export async function indexQueuedText(db: Db = prisma, batch = BATCH): Promise<number> {
  let n = 0;
  for (const q of TABLES) {
    n += await db.$transaction(async (tx) => {
      const mark = `(SELECT "mark" FROM "TextFtsMark" WHERE "tbl" = '${q.table}')`;
      const [row] = await tx.$queryRawUnsafe<{ top: bigint | number | null }[]>(
        `SELECT MAX(r) AS top FROM (SELECT rowid AS r FROM "${q.table}" WHERE rowid > ${mark} ORDER BY rowid LIMIT ${batch})`);
      let k = 0;
      if (row.top !== null) {
        k += await tx.$executeRawUnsafe(`INSERT INTO "${q.fts}"(rowid, "${q.column}") SELECT rowid, "${q.column}" FROM "${q.table}" WHERE rowid > ${mark} AND rowid <= ?`, Number(row.top));
        await tx.$executeRawUnsafe(`UPDATE "TextFtsMark" SET "mark" = ? WHERE "tbl" = '${q.table}'`, Number(row.top));
      }
      const edited = `SELECT "rid" FROM "${q.pending}" WHERE "rid" <= ${mark} ORDER BY "rid" LIMIT ${batch}`;
      await tx.$executeRawUnsafe(`DELETE FROM "${q.fts}" WHERE rowid IN (${edited})`); // not indexed, unless a mark pass did it
      k += await tx.$executeRawUnsafe(`INSERT INTO "${q.fts}"(rowid, "${q.column}") SELECT x.rowid, x."${q.column}" FROM "${q.table}" x WHERE x.rowid IN (${edited})`);
      await tx.$executeRawUnsafe(`DELETE FROM "${q.pending}" WHERE "rid" IN (${edited})`);
      return k;
    }, { maxWait: 30_000, timeout: 120_000 }); // behind a long write (an import) it waits, it is not lost
  }
  return n;
}

/** Rows not indexed yet (both tables): above the mark, or edited. */
export async function queuedTextCount(db: Db = prisma): Promise<number> {
  const part = (t: string) => `(SELECT COUNT(*) FROM "${t}" WHERE rowid > (SELECT "mark" FROM "TextFtsMark" WHERE "tbl" = '${t}')) + (SELECT COUNT(*) FROM "${t}FtsPending")`;
  const [r] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT ${part("Trace")} + ${part("Problem")} AS n`);
  return Number(r.n);
}

let running: Promise<void> | null = null;

/** Indexes the queue in the background unless it is empty or already running; the promise ends with the queue empty. */
export function startTextIndexing(db: Db = prisma): Promise<void> {
  running ??= (async () => {
    try {
      // a read first: an empty queue costs no write transaction
      while ((await queuedTextCount(db)) > 0 && (await indexQueuedText(db)) >= 0) await new Promise((r) => setImmediate(r)); // let requests in between batches
    } catch (e) {
      console.error("text search indexing stopped (searches stay exact, LIKE-checking the queued rows):", e);
    } finally {
      running = null;
    }
  })();
  return running;
}
