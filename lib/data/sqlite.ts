import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { sqlitePath } from "@/lib/env";

// The one place that opens a better-sqlite3 connection and sets its pragmas. The raw-SQL paths
// (bulk import, export, migrations, the job stages' per-item statements) each used to open the
// file with their own pragma list; they now differ only in the options below, each with its reason.
// Prisma's connection (lib/db.ts) is opened by its driver adapter on the same file: WAL is a
// property of the file (set here, by the first opener), foreign keys are on by better-sqlite3's
// build default, and its busy timeout is the same DEFAULT_BUSY_MS.

export type Sqlite = Database.Database;
export type SqliteStatement<R = unknown> = Database.Statement<unknown[], R>;

/** How long a statement waits inside SQLite for another connection's write lock. */
export const DEFAULT_BUSY_MS = 10_000;

export type OpenOptions = {
  /** create the file (and its folder) when missing: only the migrator does, everything else runs after it */
  create?: boolean;
  /** refuse every write on this connection (export): a bug cannot change data while reading it */
  queryOnly?: boolean;
  /**
   * "normal" skips the fsync per commit in WAL mode: only for job output that a job re-runs after
   * a crash (lib/data/stage-db.ts). People's edits and imports keep SQLite's default (FULL).
   */
  durability?: "full" | "normal";
  busyMs?: number;
};

/** Opens the SQLite file of a `file:` DATABASE_URL with the studio's pragmas. */
export function openSqlite(url: string, o: OpenOptions = {}): Sqlite {
  const file = sqlitePath(url);
  if (o.create) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { fileMustExist: !o.create });
  try {
    db.pragma(`busy_timeout = ${o.busyMs ?? DEFAULT_BUSY_MS}`);
    // WAL: readers (the pages) never wait for a writer (an import, a job); persistent in the file.
    if (!o.queryOnly) db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    if (o.durability === "normal") db.pragma("synchronous = NORMAL");
    if (o.queryOnly) db.pragma("query_only = ON");
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Prisma's DateTime text form in SQLite (what its adapter writes: ISO with "+00:00"), for rows
 * written by raw SQL, so ORDER BY createdAt and Prisma's reads agree with Prisma's own rows.
 */
export const nowText = (d: Date = new Date()): string => d.toISOString().replace("Z", "+00:00");
