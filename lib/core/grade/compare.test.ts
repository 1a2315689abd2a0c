import { describe, expect, it } from "vitest";
import { compareAnswers } from "./compare";
import { gradeAnswer } from "./grade";
import { normaliseAnswer } from "./normalise";

const cmp = (g: string, p: string) => compareAnswers(g, p);
const eq = (g: string, p: string) => cmp(g, p).verdict;

describe("normalisation", () => {
  it.each([
    ["\\dfrac{1}{2}", "\\frac{1}{2}"],
    ["\\left(1, 2\\right]", "(1, 2]"],
    ["45^{\\circ}", "45"],
    ["10\\%", "10"],
    ["\\$1,000", "1000"],
    ["1{,}000{,}000", "1000000"],
    ["3,\\!110,\\!400", "3110400"],
    ["5\\mbox{ cm}^2", "5"],
    ["20 \\text{ meters}", "20"],
    ["x \\in [0,1)", "[0,1)"],
    ["$\\frac{1}{2}$", "\\frac{1}{2}"],
    ["\\text{Monday}", "Monday"],
    ["180 - 90 = \\boxed{90}", "180 - 90 = 90"],
    ["1 \\text{ or } 2", "1 , 2"],
  ])("%s -> %s", (input, out) => {
    expect(normaliseAnswer(input).text).toBe(out);
  });
  it("remembers percent and degrees", () => {
    expect(normaliseAnswer("12.5\\%")).toMatchObject({ percent: true, degrees: false });
    expect(normaliseAnswer("30^\\circ")).toMatchObject({ percent: false, degrees: true });
  });
});

describe("comparison by shape", () => {
  it("numbers: exact, with a decimal judged at its own precision", () => {
    expect(cmp("\\frac{1}{2}", "0.5")).toMatchObject({ verdict: "equal", method: "exact-rational" });
    expect(cmp("\\frac{1}{3}", "0.333333")).toMatchObject({ verdict: "equal", method: "decimal-precision" });
    expect(eq("\\frac{1}{3}", "0.333")).toBe("not_equal");
    expect(eq("123456789012345678901", "123456789012345678902")).toBe("not_equal");
    expect(eq("0.000001", "0.000002")).toBe("not_equal");
    expect(eq("1200_7", "441")).toBe("equal");
  });
  it("radicals and constants numerically", () => {
    expect(cmp("\\sqrt{8}", "2\\sqrt{2}")).toMatchObject({ verdict: "equal", method: "numeric" });
    expect(eq("\\sqrt{2}", "1.414")).toBe("not_equal");
    expect(eq("3\\pi", "9.42477796")).toBe("equal");
    expect(eq("\\ln 8", "2\\ln 2")).toBe("not_equal");
    expect(eq("2+3i", "3i+2")).toBe("equal");
    expect(eq("i", "-i")).toBe("not_equal");
  });
  it("expressions with free variables by sampled points", () => {
    expect(cmp("(x+1)^2", "x^2+2x+1")).toMatchObject({ verdict: "equal", method: "sampled-points" });
    expect(eq("\\frac{n(n-1)}{2}", "\\binom{n}{2}")).toBe("equal");
    expect(eq("2x", "x^2")).toBe("not_equal");
  });
  it("sets unordered, tuples ordered, intervals with their brackets", () => {
    expect(cmp("\\{1,2,3\\}", "\\{3,2,1\\}")).toMatchObject({ verdict: "equal", method: "set-unordered" });
    expect(eq("\\{1,2,3\\}", "\\{1,2\\}")).toBe("not_equal");
    expect(eq("\\emptyset", "\\{0\\}")).toBe("not_equal");
    expect(cmp("(1, 2)", "(2, 1)")).toMatchObject({ verdict: "not_equal", method: "tuple-ordered" });
    expect(cmp("[0,1)", "[0,1]")).toMatchObject({ verdict: "not_equal", method: "interval" });
    expect(eq("(-\\infty,-1)\\cup(1,\\infty)", "(1,+\\infty)\\cup(-\\infty,-1)")).toBe("equal");
    expect(eq("1, 2", "2, 1")).toBe("equal");
    expect(eq("\\pm 2", "2, -2")).toBe("equal");
  });
  it("matrices cell by cell", () => {
    expect(
      cmp(
        "\\begin{pmatrix} \\frac12 & 0 \\\\ 0 & 1 \\end{pmatrix}",
        "\\begin{bmatrix} 0.5 & 0 \\\\ 0 & 1 \\end{bmatrix}",
      ),
    ).toMatchObject({ verdict: "equal", method: "matrix" });
    expect(eq("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "\\begin{pmatrix} 1 & 2 \\end{pmatrix}")).toBe("not_equal");
  });
  it("equations: assignments, sides, rearrangements", () => {
    expect(cmp("3", "x=3")).toMatchObject({ verdict: "equal", method: "assignment+string" });
    expect(eq("x=3", "y=3")).toBe("not_equal");
    expect(cmp("2x+3y=6", "6-3y=2x")).toMatchObject({ verdict: "equal", method: "equation-rearranged" });
    expect(eq("y=2x+1", "y=2x-1")).toBe("not_equal");
    expect(eq("x > 2", "2 < x")).toBe("equal");
  });
  it("text, choices, units, percent, degrees", () => {
    expect(cmp("\\text{yes}", "Yes")).toMatchObject({ verdict: "equal", method: "text" });
    expect(cmp("\\text{(B)}", "\\textbf{(B)}")).toMatchObject({ verdict: "equal", method: "choice-letter" });
    expect(eq("B", "\\text{(D)}")).toBe("not_equal");
    expect(eq("5", "50\\text{ cm}")).toBe("not_equal");
    expect(eq("10\\%", "0.1")).toBe("equal");
    expect(eq("10\\%", "1")).toBe("not_equal");
    expect(eq("45^\\circ", "\\frac{\\pi}{4}")).toBe("not_equal");
  });
});

describe("verdicts other than equal / not_equal", () => {
  it("says which side is unparseable", () => {
    expect(cmp("1+", "1")).toMatchObject({ verdict: "unparseable", side: "gold" });
    expect(cmp("1", "\\frac{1}{2")).toMatchObject({ verdict: "unparseable", side: "pred" });
    expect(cmp("", "1")).toMatchObject({ verdict: "unparseable", side: "gold" });
  });
  it("gives no_answer when the solution marks none", () => {
    expect(gradeAnswer("35", "So there are 35 students who like games.", { predMode: "solution" })).toMatchObject({
      verdict: "no_answer",
      extracted: null,
    });
  });
  it("returns timeout when the engine's time limit fires", () => {
    const v = compareAnswers("500000000500000000", "\\sum_{n=1}^{10^9} n", { softLimitMs: 200 });
    expect(v).toMatchObject({ verdict: "timeout", method: "engine-time-limit" });
  });
  it("carries the extraction and the normalised strings", () => {
    expect(gradeAnswer("\\frac{1}{2}", "so the answer is $\\boxed{\\dfrac{1}{2}}$")).toMatchObject({
      verdict: "equal",
      extracted: "\\dfrac{1}{2}",
      extractMethod: "boxed",
      goldNormalised: "\\frac{1}{2}",
      predNormalised: "\\frac{1}{2}",
    });
  });
});
