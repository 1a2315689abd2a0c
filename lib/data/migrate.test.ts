import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MigrationChecksumError, ensureMigrated, migrationsDir } from "./migrate";
import { openSqlite } from "./sqlite";

// A throwaway migrations folder and database per test: ensureMigrated remembers a file it has
// migrated in this process, so every case uses a new file.
function sandbox() {
  const root = mkdtempSync(join(tmpdir(), "int-migrate-"));
  const dir = join(root, "migrations");
  const write = (name: string, sql: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, "migration.sql"), sql);
  };
  let n = 0;
  const url = () => `file:${join(root, `db-${n++}.db`)}`;
  return { root, dir, write, url, done: () => rmSync(root, { recursive: true, force: true }) };
}

// The same database file under another spelling of its path: what a new process (a server
// restart) sees, since ensureMigrated skips a path it has already migrated in this process.
const restarted = (url: string) => `file:${url.slice("file:".length).replace(/\/db-/, "//db-")}`;

describe("ensureMigrated", () => {
  it("applies the repository's migrations with Prisma's checksums, once", () => {
    const s = sandbox();
    try {
      const url = s.url();
      const ran = ensureMigrated(url);
      expect(ran.length).toBeGreaterThan(0);
      const db = openSqlite(url);
      const first = db.prepare(`SELECT checksum FROM _prisma_migrations WHERE migration_name = ?`).get(ran[0]) as { checksum: string };
      db.close();
      const sql = readFileSync(join(migrationsDir(), ran[0], "migration.sql"), "utf8");
      expect(first.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    } finally {
      s.done();
    }
  });

  it("refuses to run when an applied migration's file was edited, and applies nothing after it", () => {
    const s = sandbox();
    try {
      s.write("20260101000000_a", `CREATE TABLE A (id TEXT PRIMARY KEY);\n`);
      const url = s.url();
      expect(ensureMigrated(url, s.dir)).toEqual(["20260101000000_a"]);
      // another process (a new server start) after someone edited the applied file and added one
      s.write("20260101000000_a", `CREATE TABLE A (id TEXT PRIMARY KEY, extra TEXT);\n`);
      s.write("20260102000000_b", `CREATE TABLE B (id TEXT PRIMARY KEY);\n`);
      let err: unknown;
      try {
        ensureMigrated(restarted(url), s.dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(MigrationChecksumError);
      expect(String((err as Error).message)).toMatch(/migration 20260101000000_a was applied with checksum [0-9a-f]{12}…, but prisma\/migrations\/20260101000000_a\/migration\.sql now has/);
      const db = openSqlite(url);
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'B'`).all() as unknown[]).length;
      db.close();
      expect(tables).toBe(0);
    } finally {
      s.done();
    }
  });

  it("accepts the same file checked out with CRLF line endings", () => {
    const s = sandbox();
    try {
      s.write("20260101000000_a", `CREATE TABLE A (id TEXT PRIMARY KEY);\nCREATE TABLE C (id TEXT);\n`);
      const url = s.url();
      ensureMigrated(url, s.dir);
      s.write("20260101000000_a", `CREATE TABLE A (id TEXT PRIMARY KEY);\r\nCREATE TABLE C (id TEXT);\r\n`);
      s.write("20260102000000_b", `CREATE TABLE B (id TEXT PRIMARY KEY);\n`);
      expect(ensureMigrated(restarted(url), s.dir)).toEqual(["20260102000000_b"]);
    } finally {
      s.done();
    }
  });
});
