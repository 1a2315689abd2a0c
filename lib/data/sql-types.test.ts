import { describe, expect, expectTypeOf, it } from "vitest";
import { columns, insertSql, table, type Row } from "./sql-types";

// The runtime half of the typed SQL helpers (the strings they build); the type half is checked by
// tsc through the @ts-expect-error lines: if the schema had these columns, tsc would fail here.
describe("typed SQL identifiers", () => {
  it("quotes tables and columns, with or without an alias", () => {
    const t = table("Trace");
    expect(`SELECT ${t.id}, ${t.stepCount} FROM ${t} WHERE ${t.datasetId} = ?`).toBe(`SELECT "id", "stepCount" FROM "Trace" WHERE "datasetId" = ?`);
    const a = table("Intervention", "i");
    expect(`SELECT ${a.content} FROM ${a}`).toBe(`SELECT i."content" FROM "Intervention" i`);
  });

  it("builds INSERT statements with ? per column unless a literal is given", () => {
    expect(insertSql("Dataset", ["id", "name", "description"], { orIgnore: true, literals: { description: "''" } })).toBe(
      `INSERT OR IGNORE INTO "Dataset" ("id", "name", "description") VALUES (?, ?, '')`,
    );
    expect(columns("Problem", ["statement", "answer"])).toBe(`"statement", "answer"`);
  });

  it("a column or table the schema does not have is a type error", () => {
    const t = table("Trace");
    // @ts-expect-error: Trace has no column "stepcount" (names are case-sensitive in the schema)
    void t.stepcount;
    // @ts-expect-error: there is no table "Traces"
    void (() => table("Traces"));
    // @ts-expect-error: "text" is a Trace column, not a Problem one
    void (() => insertSql("Problem", ["id", "text"]));
    expectTypeOf<Row<"Trace", "id" | "stepCount" | "correct">>().toEqualTypeOf<{ id: string; stepCount: number; correct: number | null }>();
  });
});
