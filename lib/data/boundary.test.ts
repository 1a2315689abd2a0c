import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

// "Where is the database touched?" has one answer: lib/data (with lib/db.ts, the Prisma client it
// uses, and prisma/: schema, migrations, demo seed). This test fails when a file elsewhere imports the Prisma client, its generated types or
// better-sqlite3. Tests may set up rows directly and are not checked.
//
// STILL_TO_MOVE lists files that still reach Prisma outside lib/data (empty since the batch files
// and the sample stage read and write through lib/data/batch-proposals.ts, sample-*.ts and
// rollout-targets.ts). It may only shrink: a file on it that no longer needs Prisma fails the test too.
const STILL_TO_MOVE = new Set<string>([]);

const ROOT = process.cwd();
const SCANNED = ["app", "components", "lib", "proxy.ts", "instrumentation.ts"];
const OWN = [/^lib\/data\//, /^lib\/db\.ts$/, /^lib\/generated\//, /^prisma\//];
const DB_IMPORT = /from\s+["'](@\/lib\/db|@\/lib\/generated\/prisma[^"']*|better-sqlite3|@prisma\/[^"']+)["']/;

function* sources(dir: string): Generator<string> {
  if (statSync(join(ROOT, dir)).isFile()) return yield dir;
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && e.name !== "generated") yield* sources(p);
    } else if (/\.(ts|tsx|mts)$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name)) yield p;
  }
}

describe("the data layer boundary", () => {
  const offenders = SCANNED.flatMap((d) => [...sources(d)])
    .map((p) => relative(ROOT, join(ROOT, p)))
    .filter((p) => !OWN.some((re) => re.test(p)))
    .filter((p) => DB_IMPORT.test(readFileSync(join(ROOT, p), "utf8")));

  it("no page, component, action or route imports Prisma or SQLite (only lib/data does)", () => {
    expect(offenders.filter((p) => !STILL_TO_MOVE.has(p))).toEqual([]);
  });

  it("the list of files still to move only shrinks", () => {
    expect([...STILL_TO_MOVE].filter((p) => !offenders.includes(p))).toEqual([]);
  });
});
