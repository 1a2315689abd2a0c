import { describe, expect, it } from "vitest";
import { splitSteps } from "@/lib/core/steps";
import { buildGuidedAttempt, containsAnswer } from "@/lib/core/guided";
import { demoRows } from "@/test-support/demo-rows";

// The demo dataset is the newcomer's first review loop: its rows must be what the method
// expects (flawed attempts that split into steps, a wrong boxed answer, interventions that
// do not leak the answer).
const rows = demoRows();

/** Content of the last \boxed{...}, braces balanced. */
function lastBoxed(s: string): string | null {
  const i = s.lastIndexOf("\\boxed{");
  if (i < 0) return null;
  let depth = 0;
  for (let j = i + 7; j < s.length; j++) {
    if (s[j] === "{") depth++;
    else if (s[j] === "}" && depth-- === 0) return s.slice(i + 7, j);
  }
  return null;
}

describe("prisma/demo/demo.jsonl", () => {
  it("has 8 problems with distinct statements and two generators", () => {
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.problem)).size).toBe(8);
    expect(new Set(rows.map((r) => r.generator))).toEqual(new Set(["demo-model-a", "demo-model-b"]));
  });

  it("attempts have 4-12 non-empty steps and a wrong boxed answer; references box the right one", () => {
    for (const r of rows) {
      const steps = splitSteps(r.incorrect_attempt);
      expect(steps.length, r.problem).toBeGreaterThanOrEqual(4);
      expect(steps.length, r.problem).toBeLessThanOrEqual(12);
      expect(steps.every((s) => s.trim().length > 0)).toBe(true);
      expect(lastBoxed(r.reference_solution), r.problem).toBe(r.answer);
      const wrong = lastBoxed(r.incorrect_attempt);
      expect(wrong, r.problem).not.toBeNull();
      expect(wrong).not.toBe(r.answer);
    }
  });

  it("three rows propose an intervention that does not contain the answer and builds a guided attempt", () => {
    const withIv = rows.filter((r) => r.intervention);
    expect(withIv).toHaveLength(3);
    for (const r of withIv) {
      const { content, location } = r.intervention!;
      expect(containsAnswer(content, r.answer), r.problem).toBe(false);
      const guided = buildGuidedAttempt(r.incorrect_attempt, location, content);
      expect(
        guided.startsWith(
          splitSteps(r.incorrect_attempt)
            .slice(0, location - 1)
            .join("\n\n"),
        ),
      ).toBe(true);
      expect(guided.includes("\\boxed")).toBe(false); // the suffix with the wrong answer is dropped
    }
  });

  it("uses real LaTeX and keeps one literal dollar amount as text", () => {
    const all = rows.map((r) => r.problem + r.reference_solution + r.incorrect_attempt).join("\n");
    for (const s of ["\\frac", "\\sqrt", "\\begin{aligned}", "$$"]) expect(all).toContain(s);
    expect(rows.some((r) => r.problem.includes("costs $5"))).toBe(true);
  });
});
