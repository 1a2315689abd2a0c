import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedData } from "@/test-support/shared-data";
import { alignSteps, firstDivergence } from "./align";
import { agreement, offsetBucket } from "./agreement";
import { detectFlips, flipOf } from "./flips";
import { extractClaims, findSameMistake } from "./same-mistake";
import { toCsv } from "./csv";

type Row = {
  id: string;
  generator: string;
  problem: string;
  steps: string[];
  label: number;
  final_answer_correct: boolean;
};
const rows: Row[] = JSON.parse(readFileSync(sharedData("processbench", "gsm8k.json"), "utf8"));
const byId = (id: string) => rows.find((r) => r.id === id)!;

describe("alignSteps / firstDivergence", () => {
  it("aligns identical traces step for step, no divergence", () => {
    const s = byId("gsm8k-8").steps;
    const p = alignSteps(s, s);
    expect(p.map((x) => [x.a, x.b, x.kind])).toEqual(s.map((_, i) => [i + 1, i + 1, "same"]));
    expect(firstDivergence(p)).toBeNull();
  });

  it("finds the edited step and keeps the later steps aligned (real ProcessBench row)", () => {
    const a = byId("gsm8k-8").steps;
    const b = [...a];
    b[2] = a[2].replace("\\(3 \\times 15 = 45\\)", "\\(3 \\times 12 = 36\\)"); // the fix
    b.splice(4, 0, "Let me double check the totals."); // an inserted step
    const p = alignSteps(a, b);
    expect(firstDivergence(p)).toEqual({ row: 2, a: 3, b: 3 });
    expect(p[2].kind).toBe("changed");
    expect(p.find((x) => x.kind === "onlyB")).toMatchObject({ a: null, b: 5 });
    expect(p.filter((x) => x.a !== null).map((x) => x.a)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(p.at(-1)).toMatchObject({ a: 6, b: 7, kind: "same" });
  });

  it("does not pair unrelated steps of two different models", () => {
    const a = byId("gsm8k-8").steps; // Qwen2.5-Math, 6 steps
    const b = byId("gsm8k-203").steps; // Llama-3.1-70B, 4 steps
    const p = alignSteps(a, b);
    expect(p.filter((x) => x.a !== null)).toHaveLength(6);
    expect(p.filter((x) => x.b !== null)).toHaveLength(4);
    expect(p.every((x) => x.kind !== "same")).toBe(true);
    expect(firstDivergence(p)?.row).toBe(0);
  });

  it("handles empty step lists", () => {
    expect(alignSteps([], ["x"])).toEqual([{ a: null, b: 1, kind: "onlyB", similarity: 0 }]);
    expect(alignSteps([], [])).toEqual([]);
  });
});

describe("findSameMistake", () => {
  const base = byId("gsm8k-8"); // label 2: step 3 claims 3 x 15 = 45 wolves
  const errorStep = base.steps[base.label];

  it("extracts the claims of the erroneous step", () => {
    expect(extractClaims(errorStep)).toEqual(["3*15=45", "15-3=12"]);
  });

  it("flags the claim when another model repeats it in other words", () => {
    const other = [
      "Cougars today: 15 - 3 = 12.",
      "He killed three times as many wolves, i.e. $3 \\cdot 15=45$ wolves.",
      "Total 82.",
    ];
    const r = findSameMistake(errorStep, other);
    expect(r).toMatchObject({ found: true, kind: "claim" });
    expect(r.found && r.matches).toEqual([
      { claim: "3*15=45", step: 2 },
      { claim: "15-3=12", step: 1 },
    ]);
  });

  it("prefers a verbatim reappearance of the step (kind text)", () => {
    const other = ["Intro.", errorStep.replace(/\s+/g, " "), "Done."];
    expect(findSameMistake(errorStep, other)).toMatchObject({ found: true, kind: "text", step: 2 });
  });

  it("does not flag the other model's correct solution (real row gsm8k-203)", () => {
    // gsm8k-203 computes 15 - 3 = 12 too (a correct claim shared by both) but never 3 x 15 = 45.
    const r = findSameMistake(errorStep, byId("gsm8k-203").steps);
    expect(r.found).toBe(true); // 15 - 3 = 12 is shared: the flag is a suggestion for a person to confirm or clear
    expect(r).toMatchObject({ kind: "claim", claim: "15-3=12" });
    const onlyWolves = "Today he killed three times as many wolves: \\(3 \\times 15 = 45\\) wolves.";
    expect(findSameMistake(onlyWolves, byId("gsm8k-203").steps)).toEqual({ found: false });
  });
});

describe("flips", () => {
  it("solved = at least one correct graded attempt", () => {
    expect(flipOf({ n: 1, c: 0 }, { n: 1, c: 1 })).toBe("fixed");
    expect(flipOf({ n: 4, c: 1 }, { n: 4, c: 0 })).toBe("broken");
    expect(flipOf({ n: 4, c: 1 }, { n: 4, c: 3 })).toBeNull();
    expect(flipOf({ n: 0, c: 0 }, { n: 1, c: 1 })).toBeNull();
    expect(flipOf(undefined, { n: 1, c: 1 })).toBeNull();
  });

  it("on the real ProcessBench pair (gsm8k-8 wrong, gsm8k-203 right) the problem is fixed by the second model", () => {
    const a = byId("gsm8k-8");
    const b = byId("gsm8k-203");
    expect(a.problem).toBe(b.problem);
    const res = (r: Row) => ({ n: 1, c: r.final_answer_correct ? 1 : 0 });
    const flips = detectFlips([
      { problemId: "p", a: res(a), b: res(b) },
      { problemId: "q", a: res(b), b: res(b) },
    ]);
    expect(flips).toEqual([{ problemId: "p", a: { n: 1, c: 0 }, b: { n: 1, c: 1 }, flip: "fixed" }]);
  });
});

describe("agreement (ProcessBench metric)", () => {
  it("matches hand-computed values on real ProcessBench labels", () => {
    const human = (id: string) => (byId(id).label === -1 ? null : byId(id).label + 1);
    const correctIds = rows
      .filter((r) => r.label === -1)
      .slice(0, 3)
      .map((r) => r.id);
    // human (1-based): gsm8k-0 2, -1 2, -2 2, -3 3, -4 3, -9 1; three correct traces (null)
    expect(["gsm8k-0", "gsm8k-1", "gsm8k-2", "gsm8k-3", "gsm8k-4", "gsm8k-9"].map(human)).toEqual([2, 2, 2, 3, 3, 1]);
    const pairs = [
      { human: human("gsm8k-0"), model: 2 }, // same
      { human: human("gsm8k-1"), model: 1 }, // earlier by 1
      { human: human("gsm8k-2"), model: 4 }, // later by 2
      { human: human("gsm8k-3"), model: 3 }, // same
      { human: human("gsm8k-4"), model: null }, // missed
      { human: human("gsm8k-9"), model: 1 }, // same
      { human: human(correctIds[0]), model: null }, // right: no error
      { human: human(correctIds[1]), model: 2 }, // false alarm
      { human: human(correctIds[2]), model: null }, // right: no error
    ];
    const a = agreement(pairs);
    // erroneous: 3 of 6 exact = 0.5; correct: 2 of 3 = 0.6667; F1 = 2*0.5*(2/3)/(0.5+2/3) = 4/7
    expect(a.erroneous).toBe(6);
    expect(a.accErroneous).toBe(0.5);
    expect(a.correct).toBe(3);
    expect(a.accCorrect).toBeCloseTo(2 / 3, 12);
    expect(a.f1).toBeCloseTo(4 / 7, 12);
    expect(a.buckets).toEqual({ earlier: 1, same: 3, later: 1, missed: 1, falseAlarm: 1, bothNone: 2 });
    expect(a.offsets).toEqual([
      { offset: -1, count: 1 },
      { offset: 0, count: 3 },
      { offset: 2, count: 1 },
    ]);
  });

  it("accepts grouped counts and leaves undefined accuracies null", () => {
    const a = agreement([
      { human: 3, model: 3, count: 5 },
      { human: 3, model: 5, count: 5 },
    ]);
    expect(a.accErroneous).toBe(0.5);
    expect(a.accCorrect).toBeNull();
    expect(a.f1).toBeNull();
    expect(offsetBucket({ human: null, model: null })).toBe("bothNone");
  });
});

describe("toCsv", () => {
  it("quotes cells with commas, quotes and newlines", () => {
    expect(
      toCsv([
        { a: 1, b: 'x,"y"' },
        { a: null, b: "l1\nl2" },
      ]),
    ).toBe('a,b\n1,"x,""y"""\n,"l1\nl2"\n');
  });
});

describe("passAtKFromGroups", () => {
  it("equals datasetPassAtK over the expanded problems", async () => {
    const { datasetPassAtK } = await import("@/lib/core/pass-at-k");
    const { passAtKFromGroups } = await import("./pass-at-k-groups");
    const groups = [
      { n: 4, c: 0, problems: 3 },
      { n: 4, c: 1, problems: 2 },
      { n: 2, c: 2, problems: 1 },
      { n: 1, c: 0, problems: 2 },
    ];
    const flat = groups.flatMap((g) => Array.from({ length: g.problems }, () => ({ n: g.n, c: g.c })));
    const a = passAtKFromGroups(groups);
    const b = datasetPassAtK(flat);
    expect(a.map((x) => x.k)).toEqual(b.map((x) => x.k));
    a.forEach((x, i) => {
      expect(x.value).toBeCloseTo(b[i].value, 12);
      expect(x.problems).toBe(b[i].problems);
    });
    // hand: pass@1 = (0*3 + 0.25*2 + 1*1 + 0*2) / 8 = 1.5 / 8
    expect(a[0]).toEqual({ k: 1, value: 1.5 / 8, problems: 8 });
  });
});

describe("plottedPassAtK", () => {
  it("stops a curve where too few problems have k attempts (149 at pass@1, 12 at pass@2)", async () => {
    const { passAtKFromGroups, plottedPassAtK } = await import("./pass-at-k-groups");
    const pts = passAtKFromGroups([
      { n: 1, c: 0, problems: 137 },
      { n: 2, c: 2, problems: 12 },
    ]);
    expect(pts.map((p) => [p.k, p.problems])).toEqual([
      [1, 149],
      [2, 12],
    ]);
    expect(pts[1].value).toBe(1); // the jump the rule exists for
    expect(plottedPassAtK(pts).map((p) => p.k)).toEqual([1]);
  });
  it("keeps every point while half of the pass@1 problems (and at least 5) remain", async () => {
    const { passAtKFromGroups, plottedPassAtK } = await import("./pass-at-k-groups");
    const pts = passAtKFromGroups([
      { n: 8, c: 1, problems: 6 },
      { n: 4, c: 1, problems: 4 },
    ]);
    // k=1: 10 problems, k=2: 10, k=4: 10, k=8: 6 (>= 5 and >= 50% of 10)
    expect(plottedPassAtK(pts).map((p) => p.k)).toEqual([1, 2, 4, 8]);
    const small = passAtKFromGroups([
      { n: 4, c: 1, problems: 3 },
      { n: 1, c: 0, problems: 1 },
    ]);
    // 4 problems at pass@1: under the floor, so a point needs all 4; pass@2 has 3
    expect(plottedPassAtK(small).map((p) => p.k)).toEqual([1]);
    expect(plottedPassAtK(passAtKFromGroups([{ n: 4, c: 1, problems: 4 }])).map((p) => p.k)).toEqual([1, 2, 4]);
  });
});
