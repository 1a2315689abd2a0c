import { afterEach, describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ENV_KEYS, env } from "./env";

const ROOT = join(import.meta.dirname, "..");
const SKIP_DIRS = new Set(["node_modules", "generated", ".git", "data", "test-results", "playwright-report", "out"]);
// Set by the platform, not by a person: nothing to list.
const PLATFORM = new Set(["NEXT_RUNTIME", "NODE_ENV", "CI"]);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name) || name.startsWith(".next")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** `NAME=` lines of .env.example, each with the comment line(s) right above it. */
function exampleEntries(): Map<string, string> {
  const lines = readFileSync(join(ROOT, ".env.example"), "utf8").split("\n");
  const out = new Map<string, string>();
  let comment = "";
  for (const line of lines) {
    const m = /^([A-Z][A-Z0-9_]*)=/.exec(line);
    if (m) out.set(m[1], comment);
    else comment = line.startsWith("#") && !line.startsWith("# ---") ? line : line.trim() === "" ? "" : comment;
  }
  return out;
}

describe(".env.example", () => {
  it("lists every variable the app validates, each under a comment", () => {
    const listed = exampleEntries();
    const missing = ENV_KEYS.filter((k) => !listed.has(k));
    expect(missing, "add these to .env.example").toEqual([]);
    expect(
      ENV_KEYS.filter((k) => !listed.get(k)),
      "these have no comment above them",
    ).toEqual([]);
  });

  it("lists every variable any source file reads, and none that nothing reads", () => {
    const read = new Set<string>();
    for (const f of sourceFiles(ROOT)) {
      for (const m of readFileSync(f, "utf8").matchAll(
        /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\])/g,
      ))
        read.add(m[1] ?? m[2]);
    }
    for (const k of ENV_KEYS) read.add(k);
    const listed = exampleEntries();
    expect([...read].filter((k) => !PLATFORM.has(k) && !listed.has(k)).sort(), "read but not in .env.example").toEqual(
      [],
    );
    expect([...listed.keys()].filter((k) => !read.has(k)).sort(), "in .env.example but read nowhere").toEqual([]);
  });
});

describe("env()", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ENV_KEYS) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it("validates INT_JOB_RUNNER, INT_CHAT_TEMPLATE_FILE and INT_GRADE_WORKER like every other variable", () => {
    delete process.env.INT_JOB_RUNNER;
    expect(env().INT_JOB_RUNNER).toBe("thread");
    process.env.INT_JOB_RUNNER = "inline";
    expect(env().INT_JOB_RUNNER).toBe("inline"); // a change between calls is seen (tests rely on it)
    process.env.INT_CHAT_TEMPLATE_FILE = "/models/q/tokenizer_config.json";
    process.env.INT_GRADE_WORKER = "/opt/worker.mjs";
    expect(env()).toMatchObject({
      INT_CHAT_TEMPLATE_FILE: "/models/q/tokenizer_config.json",
      INT_GRADE_WORKER: "/opt/worker.mjs",
    });
    process.env.INT_JOB_RUNNER = "thred";
    expect(() => env()).toThrow(/INT_JOB_RUNNER: .*\(got "thred"\)/);
  });

  it("treats an empty value as unset", () => {
    process.env.PORT = "";
    process.env.INT_USER = "";
    process.env.NEXT_DIST_DIR = "";
    expect(env()).toMatchObject({ PORT: 3000, INT_USER: undefined, NEXT_DIST_DIR: ".next" });
  });
});
