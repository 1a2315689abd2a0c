import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nowText, openSqlite } from "./sqlite";

describe("openSqlite (the one opener of the raw-SQL paths)", () => {
  const dir = mkdtempSync(join(tmpdir(), "int-sqlite-"));
  const url = `file:${join(dir, "x.db")}`;

  it("creates the file only when asked, and sets WAL, foreign keys and FULL durability by default", () => {
    expect(() => openSqlite(url)).toThrow(/unable to open database file|directory does not exist|SQLITE_CANTOPEN/i);
    const db = openSqlite(url, { create: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(10_000);
    db.exec(`CREATE TABLE T (id TEXT)`);
    db.close();
  });

  it("job output skips the per-commit fsync; an export connection refuses writes", () => {
    const jobs = openSqlite(url, { durability: "normal", busyMs: 20 });
    expect(jobs.pragma("synchronous", { simple: true })).toBe(1);
    expect(jobs.pragma("busy_timeout", { simple: true })).toBe(20);
    jobs.close();
    const ro = openSqlite(url, { queryOnly: true });
    expect(() => ro.prepare(`INSERT INTO T (id) VALUES ('a')`).run()).toThrow(/readonly/i);
    ro.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes Prisma's DateTime text", () => {
    expect(nowText(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe("2026-01-02T03:04:05.006+00:00");
  });
});
