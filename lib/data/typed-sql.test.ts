import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

// Keeps the hand-written SQL typed (issue 15 §1): a statement names a schema table or column only
// through lib/data/sql-types.ts (`table()`, `columns()`, `insertSql()`), so renaming or dropping one
// in prisma/schema.prisma fails tsc instead of a query at run time. This test reads every non-test
// source of the product (lib, app, components: SQL belongs in lib/data, but a stage connection can be
// reached from elsewhere) with the TypeScript parser (comments are not literals) and fails on a string
// or template literal that looks like SQL and names a schema table ("Trace", FROM Trace) or column
// ("stepCount", t."stepCount", t.stepCount, a bare camelCase column).
//
// NOT_YET_TYPED (path prefixes) may only shrink, and is empty: every statement is typed. It stays as the
// one place to list a file mid-conversion; a prefix that no longer matches an untyped statement fails.
const NOT_YET_TYPED: string[] = [];

const ROOT = process.cwd();
const SCANNED = ["lib", "app", "components"];
const SQL_WORD = /\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|JOIN|VALUES|GROUP BY|ORDER BY)\b/;

/** Table and column names of prisma/schema.prisma: models and their fields, and the names they are mapped to. */
function schemaNames(schema: string): { tables: Set<string>; columns: Set<string> } {
  const tables = new Set<string>();
  const cols = new Set<string>();
  for (const m of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    tables.add(m[1]);
    for (const t of m[2].matchAll(/@@map\("(\w+)"\)/g)) tables.add(t[1]);
    for (const f of m[2].matchAll(/^\s+(\w+)\s+\w+(.*)$/gm)) {
      cols.add(f[1]);
      const mapped = /@map\("(\w+)"\)/.exec(f[2]);
      if (mapped) cols.add(mapped[1]);
    }
  }
  return { tables, columns: cols };
}

/** Every string or template literal of a source file (no comments): its pieces' text, with their lines. */
function literals(file: string, text: string): { line: number; text: string }[][] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const piece = (n: ts.Node & { text: string }) => ({ line: src.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: n.text });
  const out: { line: number; text: string }[][] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push([piece(n)]);
    else if (ts.isTemplateExpression(n)) out.push([piece(n.head), ...n.templateSpans.map((s) => piece(s.literal))]);
    n.forEachChild(visit);
  };
  visit(src);
  return out;
}

/** `file:line: "name"` for each SQL literal of the source naming a schema table or column directly. */
export function untypedSql(file: string, text: string, names: { tables: Set<string>; columns: Set<string> }): string[] {
  const found: string[] = [];
  // a template counts as SQL when its text as a whole has a SQL word (the names may sit in another piece)
  for (const pieces of literals(file, text)) {
    if (!SQL_WORD.test(pieces.map((p) => p.text).join(" "))) continue;
    for (const p of pieces) {
      // `AS "name"` is an output name of the statement, not the schema's
      for (const m of p.text.matchAll(/(?<!\bAS )"(\w+)"/g)) if (names.tables.has(m[1]) || names.columns.has(m[1])) found.push(`${file}:${p.line}: "${m[1]}"`);
      for (const m of p.text.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)/g)) if (names.tables.has(m[1])) found.push(`${file}:${p.line}: ${m[1]}`);
      // unquoted columns: after a short alias (t.stepCount), or camelCase anywhere but an output name (no SQL word is)
      for (const m of p.text.matchAll(/\b[a-z]\w{0,2}\.(\w+)|(?<![.\w"])(?<!\bAS )([a-z]+[A-Z]\w*)\b/g)) {
        const name = m[1] ?? m[2];
        if (names.columns.has(name)) found.push(`${file}:${p.line}: ${name}`);
      }
    }
  }
  return found;
}

describe("typed SQL in lib/data", () => {
  const names = schemaNames(readFileSync(join(process.cwd(), "prisma", "schema.prisma"), "utf8"));
  const files = SCANNED.flatMap((d) => readdirSync(join(ROOT, d), { recursive: true, encoding: "utf8" }).map((f) => relative(ROOT, join(ROOT, d, f))))
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.(test|spec)\.tsx?$/.test(f) && !f.startsWith("lib/generated/") && f !== "lib/data/sql-types.ts");
  const found = new Map(files.map((f) => [f, untypedSql(f, readFileSync(join(ROOT, f), "utf8"), names)]));

  it("no hand-written SQL names a schema table or column outside lib/data/sql-types.ts", () => {
    const listed = (f: string) => NOT_YET_TYPED.some((prefix) => f.startsWith(prefix));
    expect([...found].filter(([f]) => !listed(f)).flatMap(([, hits]) => hits)).toEqual([]);
  });

  it("the list of files not yet typed only shrinks", () => {
    expect(NOT_YET_TYPED.filter((prefix) => ![...found].some(([f, hits]) => f.startsWith(prefix) && hits.length > 0))).toEqual([]);
  });

  it("finds a quoted table, an aliased column and a bare table name in SQL, and nothing in prose or comments", () => {
    const src = [
      'const A = `SELECT t."stepCount" FROM "Trace" t WHERE ${x}`;',
      'const B = "UPDATE Problem SET x = 1";',
      "// SELECT \"text\" FROM \"Trace\": a comment",
      'const C = "the Trace has no \\"text\\"";',
      'const D = `SELECT ${t.id} AS "pid" FROM ${t}`;',
      'const E = "SELECT t.text, datasetId FROM x t";',
    ].join("\n");
    expect(untypedSql("x.ts", src, names)).toEqual(['x.ts:1: "stepCount"', 'x.ts:1: "Trace"', "x.ts:2: Problem", "x.ts:6: text", "x.ts:6: datasetId"]);
  });
});
