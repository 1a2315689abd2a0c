import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sharedData } from "@/test-support/shared-data";
import { countSteps, fromZeroBased, joinSteps, numberSteps, splitSteps, toZeroBased } from "./steps";

type PbRow = { id: string; steps: string[]; label: number };

function processBenchRows(): PbRow[] {
  const native = ["gsm8k.json", "math.json"].flatMap(
    (f) => JSON.parse(readFileSync(sharedData("processbench", f), "utf8")) as PbRow[],
  );
  const refs = readFileSync(sharedData("processbench", "with-references.gsm8k-math.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as PbRow);
  return [...native, ...refs];
}

describe("split/join", () => {
  it("round-trips every ProcessBench trace: splitSteps(steps.join('\\n\\n')) gives the same steps", () => {
    const rows = processBenchRows();
    expect(rows.length).toBe(400 + 1000 + 1057);
    for (const r of rows) {
      const text = r.steps.join("\n\n");
      expect(joinSteps(r.steps)).toBe(text);
      expect(splitSteps(text), r.id).toEqual(r.steps);
      expect(countSteps(text), r.id).toBe(r.steps.length);
    }
  });

  it("keeps empty steps and odd newline runs byte for byte", () => {
    for (const y of [
      "",
      "a",
      "a\n\nb",
      "\n\n",
      "a\n\n\n\nb",
      "a\n\n\nb",
      "a\n\n",
      "\n\na",
      "x\r\n\r\ny",
      "α\n\nβ $x$\n",
    ]) {
      expect(joinSteps(splitSteps(y))).toBe(y);
      expect(countSteps(y)).toBe(splitSteps(y).length);
    }
    expect(splitSteps("a\n\n\n\nb")).toEqual(["a", "", "b"]);
    expect(splitSteps("a\n\n\nb")).toEqual(["a", "\nb"]); // leftmost match, like JS and Python
    expect(splitSteps("")).toEqual([""]);
  });

  it("numbers steps from 1 for the verifier", () => {
    expect(numberSteps(["x", "y"])).toBe("**Substep 1:** x\n\n**Substep 2:** y");
  });
});

describe("index conversions", () => {
  it("0-based ProcessBench labels <-> 1-based steps", () => {
    expect(fromZeroBased(-1)).toBeNull();
    expect(fromZeroBased(0)).toBe(1);
    expect(fromZeroBased(7)).toBe(8);
    expect(toZeroBased(null)).toBe(-1);
    expect(toZeroBased(1)).toBe(0);
    expect(toZeroBased(8)).toBe(7);
    for (let l = -1; l < 50; l++) expect(toZeroBased(fromZeroBased(l))).toBe(l);
  });

  it("round-trips every ProcessBench label", () => {
    for (const r of processBenchRows()) {
      const label = "label" in r ? r.label : (r as unknown as { first_error_index: number }).first_error_index;
      expect(toZeroBased(fromZeroBased(label))).toBe(label);
    }
  });

  it("refuses values that are not indices", () => {
    expect(() => fromZeroBased(-2)).toThrow(RangeError);
    expect(() => fromZeroBased(1.5)).toThrow(RangeError);
    expect(() => toZeroBased(0)).toThrow(RangeError);
    expect(() => toZeroBased(-1)).toThrow(RangeError);
    expect(() => toZeroBased(2.5)).toThrow(RangeError);
  });
});
