import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { sqlitePath } from "@/lib/env";

// Applies prisma/migrations/*/migration.sql to a SQLite file, recording them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, same sha256
// checksum), so the Prisma CLI and this function can be used interchangeably.
// Runs synchronously once per process before the first query.

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
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.exec(MIGRATIONS_TABLE);
    const applied = new Set(
      (db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string }[]).map((r) => r.migration_name),
    );
    const names = existsSync(/*turbopackIgnore: true*/ dir)
      ? readdirSync(/*turbopackIgnore: true*/ dir).filter((n) => existsSync(/*turbopackIgnore: true*/ join(dir, n, "migration.sql"))).sort()
      : [];
    const ran: string[] = [];
    for (const name of names) {
      if (applied.has(name)) continue;
      const sql = readFileSync(/*turbopackIgnore: true*/ join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
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
