import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sqlitePath } from "@/lib/env";
import { openSqlite } from "./sqlite";

// Applies prisma/migrations/*/migration.sql to a SQLite file, recording them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, same sha256
// checksum), so the Prisma CLI and this function can be used interchangeably.
// Runs synchronously once per process before the first query. Like `migrate deploy` it refuses
// to go on when an applied migration's file no longer has the checksum recorded when it ran:
// the database was built from other SQL than the repository now says, and applying the newer
// migrations on top of it would hide that.

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const done = new Set<string>();

export function migrationsDir(): string {
  return join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

export function ensureMigrated(url: string, dir = migrationsDir()): string[] {
  const file = sqlitePath(url);
  if (done.has(file)) return [];
  const db = openSqlite(url, { create: true });
  try {
    db.exec(MIGRATIONS_TABLE);
    const applied = new Map(
      (db.prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string; checksum: string }[]).map((r) => [r.migration_name, r.checksum]),
    );
    const names = existsSync(/*turbopackIgnore: true*/ dir)
      ? readdirSync(/*turbopackIgnore: true*/ dir).filter((n) => existsSync(/*turbopackIgnore: true*/ join(dir, n, "migration.sql"))).sort()
      : [];
    const sqlOf = (name: string) => readFileSync(/*turbopackIgnore: true*/ join(dir, name, "migration.sql"), "utf8");
    for (const name of names) {
      const recorded = applied.get(name);
      if (recorded !== undefined && !checksumMatches(recorded, sqlOf(name))) throw new MigrationChecksumError(file, name, recorded, sha256(sqlOf(name)));
    }
    const ran: string[] = [];
    for (const name of names) {
      if (applied.has(name)) continue;
      const sql = sqlOf(name);
      const checksum = sha256(sql);
      db.transaction(() => {
        db.exec(sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
        ).run(randomUUID(), checksum, name);
      }).immediate();
      ran.push(name);
    }
    done.add(file);
    return ran;
  } finally {
    db.close();
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Prisma records sha256 of the file as written; like Prisma, a copy whose line endings were
 * changed to CRLF by a git checkout still matches (same SQL).
 */
function checksumMatches(recorded: string, sql: string): boolean {
  return recorded === sha256(sql) || recorded === sha256(sql.replace(/\r\n/g, "\n"));
}

export class MigrationChecksumError extends Error {
  constructor(
    readonly file: string,
    readonly migration: string,
    readonly recorded: string,
    readonly current: string,
  ) {
    super(
      `${file}: migration ${migration} was applied with checksum ${recorded.slice(0, 12)}…, but ` +
        `prisma/migrations/${migration}/migration.sql now has ${current.slice(0, 12)}…. ` +
        `An applied migration must not be edited: restore the file, or add a new migration for the change.`,
    );
    this.name = "MigrationChecksumError";
  }
}
