import { describe, expect, it } from "vitest";
import { nominalAlpha } from "./krippendorff";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal data,
// four observers, twelve units, missing values ("*" in the paper). The paper's result: 0.743.
const OBSERVERS: (number | undefined)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, undefined, undefined, undefined],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, undefined, 3],
  [undefined, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, undefined],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, undefined],
];
const units = OBSERVERS[0].map((_, u) => OBSERVERS.map((o) => o[u]).filter((v): v is number => v !== undefined));

describe("nominalAlpha", () => {
  it("reproduces Krippendorff's published worked example (alpha = 0.743)", () => {
    const r = nominalAlpha(units);
    expect(r.alpha!.toFixed(3)).toBe("0.743");
    expect(r.units).toBe(11); // unit 12 has one value: not pairable
    expect(r.values).toBe(40);
  });

  it("hand-computed: two raters, 'no error' (null) is a category like any step", () => {
    // units: (1,1) (null,null) (1,null) (2,2). Coincidences: 1-1: 2, null-null: 2, 1-null: 1, null-1: 1, 2-2: 2.
    // n = 8; n_1 = 3, n_null = 3, n_2 = 2. D_o = 2/8; D_e = (64 - 9 - 9 - 4) / (8*7) = 42/56.
    // alpha = 1 - (7 * 2) / 42 = 2/3.
    const r = nominalAlpha<number | null>([
      [1, 1],
      [null, null],
      [1, null],
      [2, 2],
    ]);
    expect(r.alpha).toBeCloseTo(2 / 3, 12);
  });

  it("perfect agreement is 1; missing raters and single-value units are ignored", () => {
    expect(nominalAlpha([[1, 1, 1], [2, 2], [3], [null, null] as never]).alpha).toBe(1);
  });

  it("is undefined without variation or without pairable values", () => {
    expect(
      nominalAlpha([
        [1, 1],
        [1, 1],
      ]).alpha,
    ).toBeNull(); // D_e = 0
    expect(nominalAlpha([[1], [2]]).alpha).toBeNull();
    expect(nominalAlpha([]).alpha).toBeNull();
  });

  it("systematic disagreement is below zero", () => {
    expect(
      nominalAlpha([
        [1, 2],
        [2, 1],
      ]).alpha!,
    ).toBeLessThan(0);
  });
});
