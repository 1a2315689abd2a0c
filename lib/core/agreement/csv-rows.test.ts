import { describe, expect, it } from "vitest";
import { toCsv } from "../compare/csv";
import { agreementReport } from "./report";
import { agreementCsvRows } from "./csv-rows";

describe("agreementCsvRows", () => {
  it("one row per pair, per rater vs final and per alpha, with counts beside rates, same columns", () => {
    const r = agreementReport([
      { traceId: "t1", source: "human", annotator: "ada", step: 2 },
      { traceId: "t1", source: "human", annotator: "bob", step: 3 },
      { traceId: "t1", source: "final", annotator: "", step: 3 },
      { traceId: "t1", source: "model", annotator: "m", step: 3 },
    ]);
    const rows = agreementCsvRows(r);
    expect(rows.map((x) => [x.table, x.rater, x.reference, x.traces, x.exact])).toEqual([
      ["pair", "ada", "bob", 1, 0],
      ["pair", "bob", "ada", 1, 0],
      ["pair", "model: m", "ada", 1, 0],
      ["pair", "model: m", "bob", 1, 1],
      ["vs_final", "ada", "final label", 1, 0],
      ["vs_final", "bob", "final label", 1, 1],
      ["vs_final", "model: m", "final label", 1, 1],
      ["krippendorff_alpha_nominal", "people", null, 1, null],
      ["krippendorff_alpha_nominal", "all raters", null, 1, null],
    ]);
    expect(new Set(rows.map((x) => Object.keys(x).join(","))).size).toBe(1);
    expect(toCsv(rows).split("\n")[0]).toMatch(/^table,rater,reference,traces,exact,exact_rate,within_one/);
  });
});
