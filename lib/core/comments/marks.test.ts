import { describe, expect, it } from "vitest";
import { commentMarks, describeCount } from "./marks";

describe("comment marks", () => {
  it("counts comments and open comments per step and per intervention; unanchored ones mark nothing", () => {
    const m = commentMarks([
      { step: 2, interventionId: null, status: "open" },
      { step: 2, interventionId: null, status: "resolved" },
      { step: 5, interventionId: null, status: "resolved" },
      { step: null, interventionId: "iv", status: "open" },
      { step: null, interventionId: null, status: "open" },
    ]);
    expect(m.steps).toEqual({ 2: { open: 1, total: 2 }, 5: { open: 0, total: 1 } });
    expect(m.interventions).toEqual({ iv: { open: 1, total: 1 } });
    expect(describeCount(m.steps[2])).toBe("2 comments, 1 open");
    expect(describeCount(m.steps[5])).toBe("1 resolved comment");
    expect(describeCount(m.interventions.iv)).toBe("1 open comment");
  });
});
