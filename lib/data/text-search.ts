import { prisma, type Db } from "@/lib/db";

// Background indexing of the text search (issue 15 §4). The triggers of migration
// 20261206020000_text_search_fts queue new and edited rows (tokenizing at insert time made the
// import 12x slower); this moves them into the trigram indexes in small transactions, oldest
// first, so a writer never waits long behind it. Searches are exact at any point (queued rows are
// LIKE-checked), only faster once the queue is empty. Started by the dataset's trace list page
// (the page an import leads to): it runs until the queue is empty, one run per process.

const BATCH = 500; // ~0.2 s of tokenizing per transaction at 5 KB per trace

const QUEUES = [
  { fts: "TraceTextFts", column: "text", table: "Trace", pending: "TraceFtsPending" },
  { fts: "ProblemTextFts", column: "statement", table: "Problem", pending: "ProblemFtsPending" },
] as const;

/** Indexes up to `batch` queued rows of each table in one transaction; returns how many it indexed. */
export async function indexQueuedText(db: Db = prisma, batch = BATCH): Promise<number> {
  return db.$transaction(async (tx) => {
    let n = 0;
    for (const q of QUEUES) {
      const pick = `SELECT "rid" FROM "${q.pending}" ORDER BY "rid" LIMIT ${batch}`;
      n += await tx.$executeRawUnsafe(`INSERT INTO "${q.fts}"(rowid, "${q.column}") SELECT x.rowid, x."${q.column}" FROM "${q.table}" x WHERE x.rowid IN (${pick})`);
      await tx.$executeRawUnsafe(`DELETE FROM "${q.pending}" WHERE "rid" IN (${pick})`);
    }
    return n;
  }, { maxWait: 30_000, timeout: 120_000 }); // behind a long write (an import) it waits, it is not lost
}

/** Rows still queued for indexing (both tables). */
export async function queuedTextCount(db: Db = prisma): Promise<number> {
  const [r] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT (SELECT COUNT(*) FROM "TraceFtsPending") + (SELECT COUNT(*) FROM "ProblemFtsPending") AS n`);
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
