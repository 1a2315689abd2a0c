import { env } from "@/lib/env";
import { ensureMigrated } from "./migrate";
import { openSqlite, type Sqlite, type SqliteStatement } from "./sqlite";
import { RetryableError } from "@/lib/jobs/types";

// A direct better-sqlite3 connection for the per-item hot paths of job stages (the propose
// stage's read and store, the rollouts stage's sample rows), like the bulk importer and the export.
// Through Prisma each statement costs 0.5-4 ms of CPU (query compiler + interpreter); a prepared
// statement here costs ~0.01-0.05 ms, which is what lets a job keep up with a bare client loop.
//
// Same file as lib/db (WAL), a second connection. Writes never wait synchronously for long: the
// busy timeout is short and a busy database is retried after an async pause, so this thread's
// event loop (and an interactive Prisma transaction of the same thread holding the lock) keeps going.

type Handle = { url: string; db: Sqlite; stmts: Map<string, SqliteStatement> };
const g = globalThis as unknown as { __intStageDb?: Handle };

const BUSY_WAIT_MS = 20; // synchronous wait inside SQLite before we yield and retry
const AUTO_CHECKPOINT_PAGES = 1000; // SQLite's default

// Whether this connection checkpoints the WAL itself after a commit (SQLite's default). A
// checkpoint copies the WAL into the database file and fsyncs both, synchronously, on the thread
// that committed: on a loaded disk that stalled every request of the server for hundreds of ms.
// While the writer thread runs (writer-thread.ts) it checkpoints in its place.
let autoCheckpoint = true;
export function setAutoCheckpoint(on: boolean): void {
  autoCheckpoint = on;
  const h = g.__intStageDb;
  if (h?.db.open) h.db.pragma(`wal_autocheckpoint = ${on ? AUTO_CHECKPOINT_PAGES : 0}`);
}
const BUSY_GIVE_UP_MS = 30_000;

function handle(): Handle {
  const url = env().DATABASE_URL;
  const h = g.__intStageDb;
  if (h && h.url === url && h.db.open) return h;
  if (h?.db.open) h.db.close();
  ensureMigrated(url);
  // Job output only (proposals, labels and rollouts a model wrote; re-run idempotently by the
  // job after a crash): in WAL mode NORMAL skips the fsync per commit, which blocked this
  // thread's event loop once per stored sample. Commits stay atomic and survive a crash of the
  // process; a power cut may lose the last ones, which the job re-runs. People's edits go
  // through lib/db (FULL).
  const db = openSqlite(url, { durability: "normal", busyMs: BUSY_WAIT_MS });
  if (!autoCheckpoint) db.pragma("wal_autocheckpoint = 0");
  g.__intStageDb = { url, db, stmts: new Map() };
  return g.__intStageDb;
}

/** A prepared statement on the stage connection (prepared once per connection). */
export function stmt<R = unknown>(sql: string): SqliteStatement<R> {
  const h = handle();
  let s = h.stmts.get(sql);
  if (!s) {
    s = h.db.prepare(sql);
    h.stmts.set(sql, s);
  }
  return s as SqliteStatement<R>;
}

const isBusy = (e: unknown) => typeof (e as { code?: unknown })?.code === "string" && (e as { code: string }).code.startsWith("SQLITE_BUSY");
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Pending = { fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
let queue: Pending[] = [];

/**
 * Run `fn` (synchronous statements) as one transaction. Writes asked for in the same turn of the
 * event loop are committed together (group commit: one IMMEDIATE transaction, each `fn` in its
 * own savepoint, so one that throws rolls back alone and rejects only its caller). Nothing waits
 * for a timer: the batch is written when the current turn's callbacks are done.
 */
export function writeTx<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
    if (queue.length === 1) setImmediate(() => void flushQueue());
  });
}

async function flushQueue(): Promise<void> {
  const batch = queue;
  queue = [];
  let outcomes: { ok: boolean; v: unknown }[] = [];
  try {
    const { db } = handle();
    const all = db.transaction(() => {
      outcomes = batch.map((b) => {
        try {
          return { ok: true, v: db.transaction(b.fn)() }; // nested: a savepoint
        } catch (e) {
          return { ok: false, v: e };
        }
      });
    });
    const start = Date.now();
    for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
      try {
        all.immediate();
        break;
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (Date.now() - start > BUSY_GIVE_UP_MS) throw new RetryableError(`database busy for ${BUSY_GIVE_UP_MS / 1000} s`);
        await pause(wait);
      }
    }
  } catch (e) {
    for (const b of batch) b.reject(e);
    return;
  }
  batch.forEach((b, i) => (outcomes[i].ok ? b.resolve(outcomes[i].v) : b.reject(outcomes[i].v)));
}

/** A read (WAL readers are not blocked by writers; busy can still happen around checkpoints). */
export async function read<T>(fn: () => T): Promise<T> {
  for (let wait = 2, start = Date.now(); ; wait = Math.min(wait * 2, 100)) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() - start > BUSY_GIVE_UP_MS) throw e;
      await pause(wait);
    }
  }
}

