import { describe, expect, it } from "vitest";
import { anchorRefusal, canResolveComment, editRefusal, statusRefusal } from "./rules";

const trace = { stepCount: 5, interventionIds: ["iv1"] };

describe("comment rules", () => {
  it("only the author edits; viewers edit nothing; annotators and up resolve", () => {
    expect(editRefusal({ name: "ann", role: "annotator" }, "ann")).toBeNull();
    expect(editRefusal({ name: "boss", role: "admin" }, "ann")).toMatch(/Only ann can edit/);
    expect(editRefusal({ name: "ann", role: "viewer" }, "ann")).toMatch(/annotator role/);
    expect(canResolveComment({ name: "x", role: "annotator" })).toBe(true);
    expect(canResolveComment({ name: "x", role: "viewer" })).toBe(false);
  });

  it("anchors: a step of the trace or one of its interventions, not both", () => {
    expect(anchorRefusal({ step: null, interventionId: null }, trace)).toBeNull();
    expect(anchorRefusal({ step: 5, interventionId: null }, trace)).toBeNull();
    expect(anchorRefusal({ step: 6, interventionId: null }, trace)).toMatch(
      /Step 6 is not a step of this trace \(1\.\.5\)/,
    );
    expect(anchorRefusal({ step: 0, interventionId: null }, trace)).toMatch(/Step 0/);
    expect(anchorRefusal({ step: null, interventionId: "other" }, trace)).toMatch(/not on this trace/);
    expect(anchorRefusal({ step: 2, interventionId: "iv1" }, trace)).toMatch(/not both/);
  });

  it("resolving a resolved comment (or reopening an open one) is refused", () => {
    expect(statusRefusal("resolved", "resolved")).toMatch(/already resolved/);
    expect(statusRefusal("open", "open")).toMatch(/already open/);
    expect(statusRefusal("open", "resolved")).toBeNull();
  });
});
