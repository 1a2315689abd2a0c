import { describe, expect, it } from "vitest";
import { pairStats } from "./pair";

describe("pairStats", () => {
  // Reference: [3, 3, 5, null, null, 2]; rater: [3, 4, null, null, 2, 2] (steps 1-based, null = no error).
  const pairs = [
    { rater: 3, reference: 3 },
    { rater: 4, reference: 3 },
    { rater: null, reference: 5 },
    { rater: null, reference: null },
    { rater: 2, reference: null },
    { rater: 2, reference: 2 },
  ];
  it("exact and within-one agreement, hand-counted", () => {
    const s = pairStats(pairs);
    expect(s.n).toBe(6);
    expect(s.exact).toBe(3); // (3,3) (null,null) (2,2)
    expect(s.withinOne).toBe(4); // + (4,3); "no error" vs a step is never within one
    expect(s.exactRate).toBe(0.5);
    expect(s.withinOneRate).toBeCloseTo(4 / 6, 12);
  });
  it("ProcessBench: accuracy on erroneous and error-free references, harmonic mean", () => {
    const s = pairStats(pairs);
    expect([s.erroneous, s.erroneousMatched, s.errorFree, s.errorFreeMatched]).toEqual([4, 2, 2, 1]);
    expect(s.accErroneous).toBe(0.5);
    expect(s.accErrorFree).toBe(0.5);
    expect(s.f1).toBe(0.5);
    const t = pairStats([
      { rater: 1, reference: 1, count: 3 },
      { rater: 2, reference: 1 },
      { rater: null, reference: null },
    ]);
    expect(t.accErroneous).toBe(0.75);
    expect(t.accErrorFree).toBe(1);
    expect(t.f1).toBeCloseTo((2 * 0.75 * 1) / 1.75, 12); // 0.857...
  });
  it("F1 is undefined when the reference has only one kind of trace", () => {
    const s = pairStats([{ rater: 1, reference: 1 }]);
    expect(s.accErrorFree).toBeNull();
    expect(s.f1).toBeNull();
    expect(pairStats([]).exactRate).toBeNull();
  });
});
