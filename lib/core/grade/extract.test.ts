import { describe, expect, it } from "vitest";
import { extractAnswer, findBoxes } from "./extract";

const ans = (text: string, mode?: "auto" | "solution" | "answer") => {
  const r = extractAnswer(text, mode);
  return r.ok ? [r.answer, r.method] : ["", r.reason];
};

describe("boxed answers", () => {
  it("takes the last box, with nested braces", () => {
    expect(ans("First \\boxed{1}. So the answer is \\boxed{\\frac{\\sqrt{2}}{2}}.")).toEqual([
      "\\frac{\\sqrt{2}}{2}",
      "boxed",
    ]);
    expect(ans("\\[ \\boxed{\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}} \\]")).toEqual([
      "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}",
      "boxed",
    ]);
    expect(ans("so \\fbox{42} is it")).toEqual(["42", "boxed"]);
    expect(ans("so $\\boxed 5$.")).toEqual(["5", "boxed"]);
    expect(ans("the set \\boxed{\\{1, 2\\}}")).toEqual(["\\{1, 2\\}", "boxed"]);
  });
  it("reads several boxes in the last sentence as a list, earlier sentences not", () => {
    expect(ans("The roots are $\\boxed{2}$ and $\\boxed{3}$.")).toEqual(["2, 3", "boxed-list"]);
    expect(ans("Part (a) is \\boxed{7}. Hence the answer is \\boxed{9}.")).toEqual(["9", "boxed"]);
    expect(ans("x = \\boxed{1}, y = \\boxed{-2}")).toEqual(["1, -2", "boxed-list"]);
  });
  it("skips an unbalanced box and reports an empty one", () => {
    expect(findBoxes("\\boxed{1} then \\boxed{2")).toHaveLength(1);
    expect(extractAnswer("so \\boxed{}").ok).toBe(false);
  });
});

describe("answer markers", () => {
  it("takes the text after a final 'answer is' / 'Final answer:'", () => {
    expect(ans("Final Answer: The final answer is $115,000$. I hope it is correct.")).toEqual(["115,000", "answer-is"]);
    expect(ans("Therefore, the answer is \\(52\\) candles and flashlights.")).toEqual(["52", "answer-is"]);
    expect(ans("Final answer: 1/3")).toEqual(["1/3", "final-answer"]);
    expect(ans("The answer is 3.5.")).toEqual(["3.5", "answer-is"]);
    expect(ans("**Answer:** Verna received $7.00 in change.")).toEqual(["$7.00", "answer-is"]);
    expect(ans("The answer is: Monday.")).toEqual(["Monday", "answer-is"]);
  });
  it("prefers a box over a marker", () => {
    expect(ans("The answer is 4. Actually \\boxed{5}")).toEqual(["5", "boxed"]);
  });
});

describe("no guessing", () => {
  it("gives no answer for prose that marks none", () => {
    const r = extractAnswer("So, there are 35 students who like to play video games.", "solution");
    expect(r.ok).toBe(false);
    expect(extractAnswer("So, there are 35 students who like to play video games.", "auto").ok).toBe(false);
    expect(extractAnswer("", "auto").ok).toBe(false);
  });
  it("reads a short bare answer in auto mode, and a bold answer in the last paragraph", () => {
    expect(ans("x=-2 \\text{ or } x=3", "auto")).toEqual(["x=-2 \\text{ or } x=3", "bare"]);
    expect(ans("5 \\text{ dollars}", "auto")).toEqual(["5 \\text{ dollars}", "bare"]);
    expect(ans("Step 1 ...\n\nSo Freda used **12 tomatoes** in all.")).toEqual(["12", "bold"]);
    expect(extractAnswer("**Step 3:** add 4 and 5", "solution").ok).toBe(false);
  });
  it("keeps an answer verbatim in answer mode", () => {
    expect(ans("  3 apples ", "answer")).toEqual(["3 apples", "bare"]);
  });
});
