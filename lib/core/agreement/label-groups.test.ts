import { describe, expect, it } from "vitest";
import { groupLabels } from "./label-groups";
import { winningStep } from "./winning-label";

describe("groupLabels (SQL summary -> labels for the winning rule)", () => {
  it("-1 is 'no error', null is 'no such label'; two distinct human steps are a disagreement", () => {
    expect(winningStep(groupLabels({ final: -1, humans: "2:1:3", imported: 4 }))).toBeNull();
    expect(winningStep(groupLabels({ final: null, humans: "2:-1:3", imported: 4 }))).toBeUndefined();
    expect(winningStep(groupLabels({ final: null, humans: "1:-1:-1", imported: 4 }))).toBeNull();
    expect(winningStep(groupLabels({ final: null, humans: null, imported: 4 }))).toBe(4);
    expect(winningStep(groupLabels({ final: null, humans: null, imported: null }))).toBeUndefined();
  });
});
