import { describe, expect, it } from "vitest";
import { renderMarkdownMath as render } from "./markdown-math";

// Issue 14 §4: math everywhere it appears. A bare \boxed{...} (outside any delimiters) and a
// $$ ... $$ block with blank lines inside render as math; the stored text never changes.
const formulas = (html: string) => (html.match(/class="katex"/g) ?? []).length;
const annotations = (html: string) =>
  [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);

describe("a bare \\boxed{...}", () => {
  it("renders as math at the end of a final step", () => {
    const html = render("Therefore the probability is \\boxed{4/7}");
    expect(formulas(html)).toBe(1);
    expect(annotations(html)).toEqual(["\\boxed{4/7}"]);
    expect(html).toContain('<p>Therefore the probability is <span class="katex">');
  });

  it("keeps nested braces and escaped braces inside", () => {
    expect(annotations(render("So \\boxed{\\frac{1}{2}\\{x\\}} done"))).toEqual(["\\boxed{\\frac{1}{2}\\{x\\}}"]);
  });

  it("leaves a \\boxed inside $...$ to that formula, and one in code as code", () => {
    expect(annotations(render("So $\\boxed{6}$."))).toEqual(["\\boxed{6}"]);
    expect(render("Use `\\boxed{6}` here")).toContain("<code>\\boxed{6}</code>");
  });

  it("shows an unclosed \\boxed{ as written, and many of them stay linear", () => {
    expect(render("So \\boxed{6 and more")).toBe("<p>So \\boxed{6 and more</p>\n");
    const text = "\\boxed{".repeat(50_000);
    const t = performance.now();
    expect(render(text)).toBe(`<p>${text}</p>\n`);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it("shows a broken bare \\boxed as its source", () => {
    const html = render("Answer \\boxed{\\frac{1}");
    expect(formulas(html)).toBe(0);
    expect(html).toContain("\\boxed{\\frac{1}");
  });
});

describe("a $$ ... $$ block with blank lines inside", () => {
  it("renders as one display formula", () => {
    const html = render("Hence\n\n$$\na = b\n\n\\quad c = d\n$$\n\nwhich ends it.");
    expect(html).toContain('<div class="math-block">');
    expect(annotations(html)).toEqual(["\na = b\n\n\\quad c = d\n"]);
    expect(html).toContain("<p>which ends it.</p>");
  });

  it("still needs its close at the end of a line, and an unclosed one stays text", () => {
    expect(formulas(render("$$\na\n\nb $$ c"))).toBe(0);
    expect(render("$$\na\n\nb")).toBe("<p>$$<br>\na</p>\n<p>b</p>\n");
  });
});
