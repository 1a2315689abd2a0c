import { describe, expect, it } from "vitest";
import { datasetPassAtK, passAtK, passAtKCurve, passAtKLadder } from "./pass-at-k";

// Direct formula with exact binomials (BigInt) to check the product form against.
function binom(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}
const direct = (n: number, c: number, k: number) => 1 - Number(binom(n - c, k)) / Number(binom(n, k));

describe("passAtK", () => {
  it("matches hand-computed values", () => {
    expect(passAtK(4, 1, 1)).toBeCloseTo(0.25, 12); // c/n
    expect(passAtK(4, 1, 2)).toBeCloseTo(0.5, 12); // 1 - C(3,2)/C(4,2) = 1 - 3/6
    expect(passAtK(4, 2, 2)).toBeCloseTo(5 / 6, 12); // 1 - C(2,2)/C(4,2) = 1 - 1/6
    expect(passAtK(5, 2, 3)).toBeCloseTo(0.9, 12); // 1 - C(3,3)/C(5,3) = 1 - 1/10
    expect(passAtK(10, 3, 4)).toBeCloseTo(1 - 35 / 210, 12); // C(7,4) = 35, C(10,4) = 210
  });
  it("is c/n at k = 1, 0 with no correct sample, 1 when every k-subset must hit", () => {
    expect(passAtK(128, 7, 1)).toBeCloseTo(7 / 128, 12);
    expect(passAtK(32, 0, 32)).toBe(0);
    expect(passAtK(8, 5, 4)).toBe(1); // n - c = 3 < k
    expect(passAtK(8, 8, 1)).toBe(1);
  });
  it("agrees with the exact binomial formula and stays stable for large n", () => {
    for (const [n, c, k] of [
      [20, 3, 5],
      [32, 1, 16],
      [64, 10, 8],
      [100, 50, 25],
    ]) {
      expect(passAtK(n, c, k)).toBeCloseTo(direct(n, c, k), 10);
    }
    // C(1024, 512) overflows a double; the product form does not.
    const v = passAtK(1024, 1, 512);
    expect(v).toBeCloseTo(0.5, 12);
    expect(Number.isFinite(passAtK(4096, 3, 1000))).toBe(true);
  });
  it("rejects impossible counts", () => {
    expect(() => passAtK(4, 5, 1)).toThrow(RangeError);
    expect(() => passAtK(4, 1, 5)).toThrow(RangeError);
    expect(() => passAtK(4, 1, 0)).toThrow(RangeError);
  });
});

describe("ladders and means", () => {
  it("lists k = 1, 2, 4, ... n", () => {
    expect(passAtKLadder(32)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(passAtKLadder(12)).toEqual([1, 2, 4, 8, 12]);
    expect(passAtKLadder(1)).toEqual([1]);
  });
  it("gives a per-problem curve and a dataset mean", () => {
    expect(passAtKCurve(4, 1).map((r) => r.value)).toEqual([0.25, 0.5, 1]);
    const ds = datasetPassAtK([
      { n: 4, c: 1 },
      { n: 4, c: 0 },
    ]);
    expect(ds.map((r) => r.k)).toEqual([1, 2, 4]);
    expect(ds[0].value).toBeCloseTo(0.125, 12);
    expect(ds[2].value).toBeCloseTo(0.5, 12);
    const mixed = datasetPassAtK([
      { n: 8, c: 8 },
      { n: 2, c: 0 },
    ]);
    expect(mixed.find((r) => r.k === 8)).toEqual({ k: 8, value: 1, problems: 1 });
    expect(datasetPassAtK([])).toEqual([]);
  });
});
