import { describe, expect, it } from "vitest";
import { describeImpliedLabel, impliedLabel } from "./implied-label";

describe("impliedLabel (accept / edit at step k -> first-error label)", () => {
  it("records step k when the trace has no human label", () => {
    expect(impliedLabel([], 3)).toEqual({ recorded: true, step: 3 });
    expect(describeImpliedLabel({ recorded: true, step: 3 }, "ann")).toBe("recorded your first-error label: step 3");
  });

  it("never overwrites an existing human label, whatever its step (or 'no error') and whoever set it", () => {
    expect(impliedLabel([{ annotator: "ann", step: 5 }], 3)).toEqual({
      recorded: false,
      kept: { annotator: "ann", step: 5 },
    });
    expect(impliedLabel([{ annotator: "ann", step: null }], 3)).toEqual({
      recorded: false,
      kept: { annotator: "ann", step: null },
    });
    // newest first: the trace's label is the one kept and named
    const r = impliedLabel(
      [
        { annotator: "bob", step: 2 },
        { annotator: "ann", step: 4 },
      ],
      3,
    );
    expect(r).toEqual({ recorded: false, kept: { annotator: "bob", step: 2 } });
    expect(describeImpliedLabel(r, "ann")).toBe("kept bob's first-error label: step 2");
    expect(describeImpliedLabel({ recorded: false, kept: { annotator: "ann", step: null } }, "ann")).toBe(
      "kept your first-error label: no error",
    );
  });
});
