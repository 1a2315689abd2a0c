// Vitest setup (runs in each test file's process before its imports): every test file gets its
// own throwaway SQLite database, migrated on first use by lib/db.
import { afterAll } from "vitest";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const file = join(tmpdir(), `int-studio-test-${process.pid}-${randomUUID().slice(0, 8)}.db`);
process.env.DATABASE_URL = `file:${file}`;

afterAll(async () => {
  const g = globalThis as unknown as { prisma?: { $disconnect(): Promise<void> } };
  await g.prisma?.$disconnect();
  for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(file + s, { force: true });
});
