import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { THREAD_WRITES } from "./thread-writes";

// One way to make a hand-made write from a request (lib/data/off-loop.ts): the actions and route handlers call
// `offLoop(actor, "name", ...)`, so that on a team server the writer thread makes it, off the event loop everybody's
// requests share. A direct call of one of those functions from app/ or lib/actions/ would put its fsync back on the
// event loop without anyone noticing: this test reads those folders and fails on one.
const ROOT = process.cwd();
const SCANNED = ["app", "lib/actions", "lib/server"];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe("hand-made writes from requests", () => {
  it("go through offLoop, never a direct call of a thread write", () => {
    const names = Object.keys(THREAD_WRITES);
    expect(names.length).toBeGreaterThan(5);
    const direct: string[] = [];
    for (const file of SCANNED.flatMap(sources)) {
      const text = readFileSync(file, "utf8");
      for (const n of names) if (new RegExp(`\\b${n}\\s*\\(`).test(text)) direct.push(`${relative(ROOT, file)}: ${n}(`);
    }
    expect(direct).toEqual([]);
  });
});
