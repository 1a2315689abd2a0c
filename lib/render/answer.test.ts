import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerMarkdown } from "./answer";
import { renderMarkdownMath } from "./markdown-math";

const DATA = join(__dirname, "../../../shared/data");
const jsonl = (file: string) =>
  readFileSync(join(DATA, file), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, string>);

describe("answerMarkdown", () => {
  it("wraps bare LaTeX and leaves text, numbers and delimited math as they are", () => {
    expect(answerMarkdown("\\frac{14}{3}")).toBe("\\(\\frac{14}{3}\\)");
    expect(answerMarkdown("52_8")).toBe("\\(52_8\\)");
    expect(answerMarkdown("90^\\circ")).toBe("\\(90^\\circ\\)");
    expect(answerMarkdown("18")).toBe("18");
    expect(answerMarkdown("p - q")).toBe("p - q");
    expect(answerMarkdown("Yes")).toBe("Yes");
    expect(answerMarkdown("$\\frac{1}{2}$")).toBe("$\\frac{1}{2}$");
    expect(answerMarkdown("\\(x\\) or \\(y\\)")).toBe("\\(x\\) or \\(y\\)");
    expect(answerMarkdown("a\\)b^2")).toBe("a\\)b^2"); // a stray delimiter: never wrapped into broken math
    expect(answerMarkdown("x^2\n\ny^2")).toBe("x^2\n\ny^2");
    expect(answerMarkdown("")).toBe("");
  });

  it("renders every MATH-500 answer with KaTeX (none falls back to raw text)", () => {
    const answers = jsonl("math500/test.jsonl").map((r) => r.answer);
    expect(answers.length).toBe(500);
    const wrapped = answers.filter((a) => answerMarkdown(a) !== a);
    expect(wrapped.length).toBeGreaterThan(140); // the answers with \ ^ _ {
    const failed = wrapped.filter((a) => {
      const html = renderMarkdownMath(answerMarkdown(a));
      return html.includes("math-error") || !html.includes('class="katex"');
    });
    expect(failed).toEqual([]);
  });

  it("leaves IMO-AnswerBench answers, which carry their own $...$, unchanged", () => {
    const answers = jsonl("imo-answerbench/answerbench_v2.jsonl").map((r) => r["Short Answer"]);
    const delimited = answers.filter((a) => a.includes("$"));
    expect(delimited.length).toBeGreaterThan(100);
    for (const a of delimited) expect(answerMarkdown(a)).toBe(a);
  });
});
