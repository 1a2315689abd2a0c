import { describe, expect, it } from "vitest";
import { binEdges, binOf, interpolate, isOutlier, quantile, quantilePosition, summarize } from "./outliers";

describe("quartiles from two order statistics", () => {
  it("matches numpy's default (linear) on hand-computed cases", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // numpy.percentile(xs, [25, 50, 75]) = 3.25, 5.5, 7.75
    expect([quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75)]).toEqual([3.25, 5.5, 7.75]);
    expect(quantile([4], 0.75)).toBe(4);
    expect(quantile([1, 3], 0.5)).toBe(2);
    expect(quantilePosition(5, 0.75)).toEqual({ lo: 3, frac: 0 });
    expect(interpolate(2, undefined, 0)).toBe(2);
  });

  it("Tukey's upper fence flags only values above Q3 + 1.5 IQR", () => {
    const xs = [0.3, 0.32, 0.35, 0.36, 0.4, 0.41, 0.45, 3.2].sort((a, b) => a - b);
    const s = summarize({
      n: xs.length,
      q1: quantile(xs, 0.25),
      median: quantile(xs, 0.5),
      q3: quantile(xs, 0.75),
      min: xs[0],
      max: xs[xs.length - 1],
    });
    expect(s.iqr).toBeCloseTo(s.q3 - s.q1, 12);
    expect(s.fence).toBeCloseTo(s.q3 + 1.5 * s.iqr, 12);
    expect(xs.filter((x) => isOutlier(x, s.fence))).toEqual([3.2]);
    expect(isOutlier(s.fence, s.fence)).toBe(false);
    expect(isOutlier(null, s.fence)).toBe(false);
    expect(isOutlier(5, null)).toBe(false);
  });

  it("refuses impossible inputs", () => {
    expect(() => quantilePosition(0, 0.5)).toThrow();
    expect(() => quantilePosition(3, 1.5)).toThrow();
    expect(() => binEdges(2, 1)).toThrow();
  });
});

describe("bins", () => {
  it("equal width, the maximum lands in the last bin, a single value in one bin", () => {
    const e = binEdges(0, 2, 4);
    expect(e).toEqual({ lo: 0, width: 0.5, bins: 4 });
    expect([0, 0.49, 0.5, 1.99, 2].map((x) => binOf(x, e))).toEqual([0, 0, 1, 3, 3]);
    expect(binEdges(1.5, 1.5)).toEqual({ lo: 1.5, width: 1, bins: 1 });
  });
});
