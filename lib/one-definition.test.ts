import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Issue 15 §2: names that were defined two or three times with different meanings (two
// location grammars, two condition orders, three ImportSummary shapes...). Each is now defined
// once; this keeps it so. Add a name here when you unify one.
const ONE_DEFINITION = [
  "coerceLocation",
  "CONDITIONS",
  "ParsedIntervention",
  "ParseResult",
  "ChatMessage",
  "ImportSummary",
  "ImportProgress",
  "ImportError",
  "ImportFailure",
  "WebImport",
  "ExportFormat",
  "EXPORT_FORMATS",
  "ImportFormat",
  "IMPORT_FORMATS",
  "exportFileName",
];

const ROOTS = ["app", "components", "lib", "bench", "e2e", "test-support"];
const SKIP = new Set(["node_modules", "generated"]);

function* sources(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a root that does not exist (yet)
  }
  for (const e of entries) {
    if (SKIP.has(e.name) || e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) yield p;
  }
}

/**
 * Declarations only (`export type X =`, `const X =`, `function X(`...), not re-exports or imports: an import
 * specifier on its own line (`  type X,` in a multi-line import) is followed by a comma or a brace.
 */
const DECL =
  /^\s*(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:type|interface|const|let|function|class|enum)\s+([A-Za-z_$][\w$]*)\b(?!\s*[,}])/gm;

describe("one definition per concept", () => {
  it("each unified name is declared in exactly one file", () => {
    const where = new Map<string, string[]>(ONE_DEFINITION.map((n) => [n, []]));
    for (const root of ROOTS) {
      for (const file of sources(root)) {
        for (const m of readFileSync(file, "utf8").matchAll(DECL)) where.get(m[1])?.push(file);
      }
    }
    const bad = [...where]
      .filter(([, files]) => files.length !== 1)
      .map(([n, files]) => `${n}: ${files.join(", ") || "nowhere"}`);
    expect(bad).toEqual([]);
  });
});

describe("no test helpers in product code", () => {
  it("lib/ has no testing modules, test hooks or imports of test-support outside tests", () => {
    const bad: string[] = [];
    for (const file of sources("lib")) {
      const text = readFileSync(file, "utf8");
      if (/(^|\/)testing(\/|\.ts$)/.test(file)) bad.push(`${file}: a testing module (move it to test-support/)`);
      if (/@\/test-support\//.test(text)) bad.push(`${file}: imports test-support`);
      if (/\b(allowDebug|debugSpinMs)\b/.test(text)) bad.push(`${file}: a test hook`);
    }
    expect(bad).toEqual([]);
  });
});
