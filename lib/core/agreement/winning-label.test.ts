import { describe, expect, it } from "vitest";
import { winningLabel, winningStep } from "./winning-label";

const L = (source: string, annotator: string, step: number | null) => ({ source, annotator, step });

describe("winningLabel", () => {
  it("the final label wins over everything", () => {
    expect(
      winningLabel([L("human", "ada", 2), L("human", "bob", 4), L("final", "", 3), L("imported", "pb", 1)]),
    ).toEqual({ kind: "final", step: 3, annotator: "" });
    expect(winningStep([L("human", "ada", 2), L("final", "", null)])).toBeNull();
  });
  it("people who agree win over the imported and model labels", () => {
    expect(
      winningLabel([L("model", "m", 1), L("human", "bob", 2), L("imported", "pb", 5), L("human", "ada", 2)]),
    ).toEqual({ kind: "human", step: 2, annotator: "ada, bob" });
    expect(winningStep([L("human", "ada", null), L("imported", "pb", 5)])).toBeNull();
  });
  it("people who disagree leave the trace unlabelled (needs adjudication), never the imported label", () => {
    expect(winningLabel([L("human", "ada", null), L("human", "bob", 4), L("imported", "pb", 4)])).toEqual({
      kind: "disagreement",
      steps: [4, null],
    });
    expect(winningStep([L("human", "ada", 1), L("human", "bob", 4)])).toBeUndefined();
  });
  it("no person: the (newest) imported label; a model label never wins", () => {
    expect(winningLabel([L("model", "m", 3), L("imported", "pb", 5), L("imported", "old", 1)])).toEqual({
      kind: "imported",
      step: 5,
      annotator: "pb",
    });
    expect(winningLabel([L("model", "m", 3)])).toEqual({ kind: "none" });
    expect(winningStep([])).toBeUndefined();
  });
});
