import { describe, expect, it } from "vitest";
import { agreementReport, type LabelRow } from "./report";

const rows: LabelRow[] = [];
const put = (traceId: string, source: string, annotator: string, step: number | null) =>
  rows.push({ traceId, source, annotator, step });
// t1: ada 2, bob 2, model 2, final 2   t2: ada 3, bob 4, model null, final 4
// t3: ada null, bob null              t4: ada 5 (bob missing), model 5
put("t1", "human", "ada", 2);
put("t1", "human", "bob", 2);
put("t1", "model", "m", 2);
put("t1", "final", "", 2);
put("t2", "human", "ada", 3);
put("t2", "human", "bob", 4);
put("t2", "model", "m", null);
put("t2", "final", "", 4);
put("t3", "human", "ada", null);
put("t3", "human", "bob", null);
put("t4", "human", "ada", 5);
put("t4", "model", "m", 5);

describe("agreementReport", () => {
  const r = agreementReport(rows);
  const find = (list: typeof r.pairs, rater: string, ref: string) =>
    list.find((p) => p.rater.key === rater && p.reference.key === ref)?.stats;

  it("lists raters people first, with their label counts", () => {
    expect(r.raters.map((x) => [x.key, x.labels])).toEqual([
      ["human:ada", 4],
      ["human:bob", 3],
      ["model:m", 3],
    ]);
    expect(r.finals).toBe(2);
  });
  it("two people: both directions, on the traces both labelled", () => {
    const ab = find(r.pairs, "human:ada", "human:bob")!;
    expect([ab.n, ab.exact, ab.withinOne]).toEqual([3, 2, 3]);
    expect(find(r.pairs, "human:bob", "human:ada")!.n).toBe(3);
  });
  it("a model is scored against the people, never the other way round", () => {
    const ma = find(r.pairs, "model:m", "human:ada")!;
    // pairs (model, ada): (2,2) (null,3) (5,5): erroneous 3, matched 2; no error-free reference
    expect([ma.n, ma.exact, ma.erroneous, ma.erroneousMatched, ma.errorFree]).toEqual([3, 2, 3, 2, 0]);
    expect(ma.f1).toBeNull();
    expect(find(r.pairs, "human:ada", "model:m")).toBeUndefined();
  });
  it("every rater against the final label", () => {
    expect(find(r.vsFinal, "human:ada", "final:")!.exact).toBe(1); // (2,2) yes, (3,4) no
    expect(find(r.vsFinal, "human:bob", "final:")!.exactRate).toBe(1);
    const m = find(r.vsFinal, "model:m", "final:")!;
    expect([m.n, m.exact, m.withinOne]).toEqual([2, 1, 1]);
  });
  it("alpha over the people treats a missing label as missing", () => {
    // people units: (2,2) (3,4) (null,null); t4 has only ada. n = 6, D_o: 2/6; n_c: 2:2, 3:1, 4:1, null:2
    // D_e = (36 - 4 - 1 - 1 - 4) / 30 = 26/30; alpha = 1 - (5 * 2) / 26
    expect(r.alphaHumans.alpha).toBeCloseTo(1 - 10 / 26, 12);
    expect(r.alphaHumans.units).toBe(3);
    expect(r.alphaAll.units).toBe(4);
  });
});
