// Reading the gold and the two extraction modes (issue 12 §5). The probes that came back a false
// "equal" before, and one case per kind the issue names.
import { describe, expect, it } from "vitest";
import { gradeAnswer, readGold } from "./grade";
import { extractLenient } from "./lenient";

const verdict = (gold: string, pred: string, predMode: "auto" | "solution" | "answer" = "auto") =>
  gradeAnswer(gold, pred, { predMode }).verdict;

describe("false equals found by probes", () => {
  it("a decimal comma is not a thousands separator: 0,111 is 0.111, not 111", () => {
    expect(verdict("0,111", "\\boxed{111}")).toBe("not_equal");
    expect(verdict("0,111", "0.111")).toBe("equal");
    expect(verdict("1000.99", "1000,99")).toBe("equal");
    expect(verdict("7425000", "7,425,000")).toBe("equal");
  });
  it("a gold with several boxes is all of them, not its last", () => {
    expect(readGold("\\boxed{1}\\boxed{2}")).toBe("1, 2");
    expect(verdict("\\boxed{1}\\boxed{2}", "\\boxed{2}", "solution")).toBe("not_equal");
    expect(verdict("\\boxed{1}\\boxed{2}", "\\boxed{1,2}", "solution")).toBe("equal");
    // Far apart with no separator between them: only the last box is the answer.
    expect(readGold("\\boxed{1} no no no no no \\boxed{2}")).toBe("2");
  });
  it("a gold of prose around math is kept whole, not cut down to its last formula", () => {
    expect(readGold("odd $n$")).toBe("odd $n$");
    expect(readGold("$g(x)=x^a$ for some $a>0$")).toBe("$g(x)=x^a$ for some $a>0$");
    expect(verdict("even $n$", "\\boxed{n}", "solution")).not.toBe("equal");
    expect(readGold("$1$ and $2$")).toBe("1, 2");
    expect(readGold("$125$ miles")).toBe("$125$ miles");
  });
});

describe("kinds the issue names", () => {
  it("relations against values", () => {
    expect(verdict("$(p,q)=(3,2)$", "$(3,2)$")).toBe("equal");
    expect(verdict("$$-793 < a < 10$$", "$$(-793, 10)$$")).toBe("equal");
    expect(verdict("$x \\geq 5$", "$[5, \\infty)$")).toBe("equal");
    expect(verdict("$x < 1$", "$-x > -1$")).toBe("equal");
    expect(verdict("$x < 1$", "$x > -1$")).toBe("not_equal");
    expect(verdict("$2x + z = 1$", "$1$")).toBe("not_equal");
    // An interval gold is not answered by restating the inequality (math-verify's asymmetry).
    expect(verdict("$x \\in [-2,7]$", "$-2 \\le x \\le 7$")).toBe("not_equal");
  });
  it("several boxed answers, \\pm, units and \\text, ratios", () => {
    expect(verdict("$${1,2,3}$$", "\\boxed{1} and \\boxed{2} and \\boxed{3}")).toBe("equal");
    expect(verdict("$\\pm 2021$", "${-2021, 2021}$")).toBe("equal");
    expect(verdict("$\\pm 2021$", "$2021$")).toBe("not_equal");
    expect(verdict("$125$ miles", "The distance is $\\boxed{125\\textnormal{ miles}}.$")).toBe("equal");
    expect(verdict("$S_{MBCN}:S=7:32$", "$\\boxed{7:32}$")).toBe("equal");
    expect(verdict("$12:00$", "$1:00$")).toBe("not_equal");
    expect(verdict("$(1,3)$", "${1,3}$")).toBe("equal");
    expect(verdict("$(3,1)$", "${1,3}$")).toBe("not_equal");
    expect(verdict("${1,3} \\cup {2,4}$", "${1,2,3,4}$")).toBe("equal");
    expect(verdict("${1,3} \\cup {2,4}$", "${1,2,3}$")).toBe("not_equal");
  });
  it("\\mathrm{e} is Euler's number, not a unit", () => {
    expect(verdict("1-\\frac{1}{e}", "$1 - \\frac{1}{\\mathrm{e}}$")).toBe("equal");
    expect(verdict("$1 - \\frac{1}{\\mathrm{e}}$", "$1 + \\frac{1}{\\mathrm{e}}$")).toBe("not_equal");
    expect(verdict("e^2", "$\\mathrm{e}^2$")).toBe("equal");
  });
  it("factorials and binomials of a variable compare by sampling (Gamma at non-integers)", () => {
    expect(verdict("$\\binom{2n}{n}$", "\\boxed{\\frac{(2n)!}{(n!)^2}}")).toBe("equal");
    expect(verdict("$\\binom{2n}{n}$", "\\boxed{\\frac{(2n)!}{n!}}")).toBe("not_equal");
    expect(verdict("$n!$", "\\boxed{n^n}")).toBe("not_equal");
  });
  it("prose with no box", () => {
    expect(verdict("$x >= 5$", "Therefore $x \\geq 5$ is the solution.")).toBe("equal");
    expect(verdict("1000.99", "the number is not 10 which is 1,000.99€")).toBe("equal");
    expect(verdict("2", "AZYUK2A")).toBe("not_equal"); // no number standing on its own
  });
});

describe("the two modes", () => {
  const text = "So the answer is $\\boxed{2}$. Later: the total is $5$.";
  it("solution (rollouts, the reference's rule) reads the last box and nothing after it", () => {
    expect(gradeAnswer("2", text, { predMode: "solution" }).extracted).toBe("2");
    expect(gradeAnswer("35", "So there are 35 students.", { predMode: "solution" }).verdict).toBe("no_answer");
  });
  it("auto (imported data) follows math-verify's priorities: the box before a later bare span", () => {
    expect(extractLenient(text)).toMatchObject({ ok: true, answer: "2", method: "boxed" });
    expect(extractLenient("Final Answer: The final answer is $28 \\%$. I hope it is correct.")).toMatchObject({
      answer: "28 \\%",
      method: "final-answer",
    });
    expect(extractLenient("So there are 35 students.")).toMatchObject({ answer: "35", method: "last-math" });
    // Nothing math-verify finds: the studio's marked-answer reading still applies.
    expect(gradeAnswer("\\text{(B)}", "The answer is (B).")).toMatchObject({ verdict: "equal", extracted: "(B)" });
  });
});

describe("extraction time grows linearly with the text", () => {
  it("reads 200,000 characters of numbers, or of 'answer 1', well inside the pool's 2 s limit", () => {
    for (const text of ["1 ".repeat(100_000), "answer 1 ".repeat(22_000), "1 + ".repeat(50_000) + "1"]) {
      const t0 = performance.now();
      expect(extractLenient(text).ok).toBe(true);
      expect(performance.now() - t0).toBeLessThan(1500);
    }
  });
});
