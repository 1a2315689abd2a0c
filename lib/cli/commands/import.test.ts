// The CLI as a user runs it: a fresh database file is migrated, one summary line, exit codes.
import { afterAll, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedData } from "@/test-support/shared-data";

const dir = mkdtempSync(join(tmpdir(), "int-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "import", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${join(dir, "new", "cli.db")}` },
  });

test("imports into a new database file and prints one summary line; twice adds nothing", () => {
  const file = sharedData("processbench", "gsm8k.json");
  const r = cli(file, "--dataset", "pb", "--format", "auto");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout.trim().split("\n")).toHaveLength(1);
  expect(r.stdout).toMatch(/375 problems, 400 traces, 400 labels, 0 interventions/);
  const again = cli(file, "--dataset=pb");
  expect(again.status).toBe(0);
  expect(again.stdout).toMatch(/0 problems, 0 traces, 0 labels, 0 interventions .*file imported before/);
  // Counted in records (400 in the file), not in the 1,175 rows they hold (375 + 400 + 400).
  expect(again.stdout).toContain(
    "(400 records read, all of them were already present: nothing new, file imported before)",
  );
}, 60_000);

test("fails non-zero with the errors listed", () => {
  const bad = join(dir, "bad.jsonl");
  writeFileSync(
    bad,
    '{"problem":"p","answer":"1","incorrect_attempt":"a"}\n{"problem":"q","answer":2,"incorrect_attempt":"a"}\n',
  );
  const r = cli(bad, "--dataset", "x");
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("bad.jsonl:2 answer: must be a string, got number");
  expect(cli(bad, "--format", "csv").status).toBe(2); // no --dataset, unknown format: usage
}, 60_000);
