import { describe, expect, test } from "vitest";
import { importSummaryNotes } from "./import-summary";

describe("importSummaryNotes", () => {
  test("a re-import of 100 records says 100 records, never the 300 rows they hold", () => {
    const notes = importSummaryNotes({ format: "int", records: 100, recordsAlreadyPresent: 100 });
    expect(notes).toEqual(["format int", "100 records read", "all of them were already present: nothing new"]);
  });
  test("a partial overlap counts the records already present", () => {
    expect(importSummaryNotes({ records: 1200, recordsAlreadyPresent: 1 })).toEqual([
      "1,200 records read",
      "1 record was already present",
    ]);
    expect(importSummaryNotes({ records: 5, recordsAlreadyPresent: 0, problemsEnriched: 2 })).toEqual([
      "5 records read",
      "2 existing problems completed",
    ]);
  });
});
