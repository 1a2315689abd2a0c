import { describe, expect, it } from "vitest";
import { dense, lengthBin, lengthBinLabel, relBin, relBinLabel, stepBin } from "./histogram";

describe("histogram binning", () => {
  it("step bins are 1-based with an open last bin", () => {
    expect([1, 2, 20, 21, 400].map((s) => stepBin(s))).toEqual([1, 2, 20, 20, 20]);
  });
  it("relative position bins (0,0.1], (0.1,0.2], ... (0.9,1]", () => {
    expect(relBin(1, 10)).toBe(0);
    expect(relBin(2, 10)).toBe(1);
    expect(relBin(10, 10)).toBe(9);
    expect(relBin(1, 1)).toBe(9);
    expect(relBin(1, 3)).toBe(3); // 0.333 -> (0.3, 0.4]
    expect(relBin(3, 4)).toBe(7); // 0.75 -> (0.7, 0.8]
    expect(relBin(12, 10)).toBe(9); // a step past the end is clamped
    expect(relBinLabel(0)).toBe("0.0–0.1");
  });
  it("length bins", () => {
    expect([0, 31, 32, 100, 20000].map(lengthBin)).toEqual([0, 0, 1, 2, 10]);
    expect(lengthBinLabel(0)).toBe("0–31");
    expect(lengthBinLabel(10)).toBe("16384+");
  });
  it("dense", () => {
    expect(
      dense(
        [
          { bin: 1, count: 2 },
          { bin: 1, count: 1 },
          { bin: 5, count: 9 },
        ],
        3,
      ),
    ).toEqual([0, 3, 0]);
  });
});
