import { describe, expect, it } from "vitest";
import { conditionStart, rolloutPrompt, CONDITIONS, ROLLOUT_ROW_CONDITIONS } from "./conditions";
import { keepState, unverifiedReason } from "./keep";
import { summariseRollouts, formatPercent } from "./summary";
import { buildGuidedAttempt } from "@/lib/core/guided";

const src = {
  problem: "What is 2+3?",
  attempt: "Step A\n\nStep B: 2+3=6\n\nSo \\boxed{6}",
  location: 2,
  content: "Wait, 2+3\nis 5.",
};

describe("rollout conditions", () => {
  it("builds each condition's start byte-exactly", () => {
    expect(conditionStart("problem", src)).toBe("");
    expect(conditionStart("prefix", src)).toBe("Step A\n\n");
    expect(conditionStart("original", src)).toBe("Step A\n\nStep B: 2+3=6");
    expect(conditionStart("intervention", src)).toBe("Step A\n\nWait, 2+3\n\nis 5.");
    expect(conditionStart("intervention", src)).toBe(buildGuidedAttempt(src.attempt, 2, src.content));
  });
  it("continues the assistant turn except for the problem alone", () => {
    const p = rolloutPrompt("intervention", src);
    expect(p.messages).toEqual([
      { role: "user", content: src.problem },
      { role: "assistant", content: p.start },
    ]);
    expect(p.extraBody).toEqual({ continue_final_message: true, add_generation_prompt: false });
    const q = rolloutPrompt("problem", src);
    expect(q.messages).toEqual([{ role: "user", content: src.problem }]);
    expect(q.extraBody).toEqual({ continue_final_message: false, add_generation_prompt: true });
  });
  it("location 1: empty prefix falls back to the problem alone; intervention is the content", () => {
    const s = { ...src, location: 1 };
    expect(rolloutPrompt("prefix", s).messages).toHaveLength(1);
    expect(conditionStart("original", s)).toBe("Step A");
    expect(conditionStart("intervention", s)).toBe("Wait, 2+3\n\nis 5.");
  });
  it("every condition builds without throwing; bad location throws", () => {
    for (const c of CONDITIONS) expect(() => rolloutPrompt(c, src)).not.toThrow();
    expect(() => rolloutPrompt("prefix", { ...src, location: 9 })).toThrow(RangeError);
  });
  it("one order of conditions: Table 1's (problem, prefix, original, intervention), sampled attempts last", () => {
    expect(CONDITIONS).toEqual(["problem", "prefix", "original", "intervention"]);
    expect(ROLLOUT_ROW_CONDITIONS).toEqual([...CONDITIONS, "attempt"]);
    const rows = ["attempt", "intervention", "problem", "original", "prefix"].map((condition) => ({
      problemId: "p",
      condition,
      correct: true,
    }));
    expect(summariseRollouts(rows, ROLLOUT_ROW_CONDITIONS).map((r) => r.condition)).toEqual([
      "problem",
      "prefix",
      "original",
      "intervention",
      "attempt",
    ]);
  });
});

describe("keep filter", () => {
  it("verified when at least M correct; null when nothing rolled out", () => {
    expect(keepState(0, 0)).toEqual({ verified: null, rolloutsCorrect: 0, rolloutsTotal: 0 });
    expect(keepState(0, 32).verified).toBe(false);
    expect(keepState(1, 32).verified).toBe(true);
    expect(keepState(1, 32, 2).verified).toBe(false);
    expect(keepState(2, 32, 2).verified).toBe(true);
    expect(() => keepState(1, 1, 0)).toThrow();
    expect(unverifiedReason(null)).toBe("not-rolled-out");
    expect(unverifiedReason(false)).toBe("failed-keep-filter");
    expect(unverifiedReason(true)).toBeNull();
  });
});

describe("Table-1 summary", () => {
  it("accuracy is the mean reward, coverage counts problems with a correct rollout, pass@k per problem", () => {
    const rows = [
      ...Array.from({ length: 4 }, (_, i) => ({ problemId: "a", condition: "intervention", correct: i === 0 })),
      ...Array.from({ length: 4 }, () => ({ problemId: "b", condition: "intervention", correct: false })),
      ...Array.from({ length: 4 }, () => ({ problemId: "a", condition: "problem", correct: false })),
    ];
    const [iv, pr] = summariseRollouts(rows, ["intervention", "prefix", "original", "problem"]);
    expect(iv).toMatchObject({
      condition: "intervention",
      rollouts: 8,
      correct: 1,
      accuracy: 0.125,
      problems: 2,
      covered: 1,
      coverage: 0.5,
    });
    expect(iv.perProblem[0].passAtK).toEqual([
      { k: 1, value: 0.25 },
      { k: 2, value: 0.5 },
      { k: 4, value: 1 },
    ]);
    expect(iv.passAtK.map((r) => r.value)).toEqual([0.125, 0.25, 0.5]);
    expect(pr).toMatchObject({ condition: "problem", accuracy: 0, coverage: 0 });
    expect(formatPercent(0.000713)).toBe("0.0713%");
    expect(formatPercent(0.0156)).toBe("1.56%");
  });
});
