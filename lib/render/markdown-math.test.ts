import { describe, expect, it } from "vitest";
import { renderMarkdownMath as render } from "./markdown-math";

const formulas = (html: string) => (html.match(/class="katex"/g) ?? []).length;
const displays = (html: string) => (html.match(/class="katex-display"/g) ?? []).length;
const annotations = (html: string) =>
  [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);

describe("math delimiters", () => {
  it("renders $...$ inline", () => {
    const html = render("Let $x^2 + y_1 = z$ hold.");
    expect(formulas(html)).toBe(1);
    expect(displays(html)).toBe(0);
    expect(annotations(html)).toEqual(["x^2 + y_1 = z"]);
    expect(html).toMatch(/^<p>Let <span class="katex">.* hold\.<\/p>\n$/s);
  });

  it("renders $$...$$ as display math, inline in a paragraph or as a block", () => {
    const inline = render("so $$x = \\frac{1}{2}$$ done");
    expect(displays(inline)).toBe(1);
    expect(inline).toContain("done</p>");
    const block = render("We get\n$$\nx = 1\n$$\nso it holds.");
    expect(displays(block)).toBe(1);
    expect(block).toMatch(/<p>We get<\/p>\n<div class="math-block">.*<\/div>\n<p>so it holds\.<\/p>/s);
  });

  it("renders \\(...\\) inline and \\[...\\] as display", () => {
    const html = render("Here \\(a_1 * b_2\\) and \\[ \\sum_{i=1}^n i \\]");
    expect(formulas(html)).toBe(2);
    expect(displays(html)).toBe(1);
    expect(annotations(html)).toEqual(["a_1 * b_2", " \\sum_{i=1}^n i "]);
    expect(html).not.toContain("<em>");
  });

  it("keeps Markdown-looking lines inside a display block as LaTeX", () => {
    const html = render("To solve\n\\[\n\\begin{aligned}\na &= b \\\\\n- c &= d\n\\end{aligned}\n\\]\nwe start.");
    expect(displays(html)).toBe(1);
    expect(html).not.toContain("<ul>");
    expect(html).not.toContain("math-error");
    expect(html).toContain("<p>we start.</p>");
  });

  it("keeps code spans as code", () => {
    const html = render("Use `$x$` literally");
    expect(formulas(html)).toBe(0);
    expect(html).toContain("<code>$x$</code>");
  });

  it("leaves unmatched delimiters as the text written", () => {
    expect(render("open \\(a and \\[b")).toBe("<p>open \\(a and \\[b</p>\n");
    expect(render("just $$ here")).toBe("<p>just $$ here</p>\n");
  });
});

describe("dollar amounts stay text", () => {
  const plain = [
    "costs $5 and $10",
    "$3.50",
    "It was $3.50, then $4.25 later.",
    "price: $5.00 total: $7.50",
    "$ x$ has a space after the opening dollar",
    "$x $ has a space before the closing dollar",
    "$x$5 closes before a digit",
    "Pay \\$5 and \\$10.",
  ];
  for (const text of plain) {
    it(JSON.stringify(text), () => {
      const html = render(text);
      expect(formulas(html)).toBe(0);
      expect(html).not.toContain("math-error");
    });
  }

  it("shows escaped dollars as dollars", () => {
    expect(render("Pay \\$5 and \\$10.")).toBe("<p>Pay $5 and $10.</p>\n");
  });

  it("finds a formula after an amount", () => {
    const html = render("It costs $5, so $x$ dollars is $2x$ in total");
    expect(annotations(html)).toEqual(["x", "2x"]);
    expect(html).toContain("It costs $5, so ");
  });

  it("allows an escaped dollar inside a formula", () => {
    expect(annotations(render("$a\\$b$"))).toEqual(["a\\$b"]);
  });
});

describe("broken LaTeX", () => {
  it("shows the source raw in place and renders the rest", () => {
    const html = render("Before $\\frac{1$ middle $x^2$ and **bold**.\n\n- item");
    expect(html).toContain('<span class="math-error whitespace-pre-wrap" title="KaTeX parse error');
    expect(html).toContain(">$\\frac{1$</span> middle ");
    expect(formulas(html)).toBe(1);
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<li>item</li>");
  });

  it("escapes the raw source of a broken formula", () => {
    const html = render("\\[ \\frac{<b>}{ \\]");
    expect(html).toContain("math-error");
    expect(html).toContain("\\[ \\frac{&lt;b&gt;}{ \\]");
    expect(html).not.toContain("<b>");
  });

  it("refuses macro bombs quickly", () => {
    const bomb =
      "$\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{\\e\\e}\\def\\e{\\f\\f}\\def\\f{xx}" +
      "\\a".repeat(200) +
      "$";
    const t = performance.now();
    const html = render(bomb);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(html).toContain("math-error");
  });

  it("knows \\mbox (MATH answers use it) as \\text", () => {
    const html = render("$864 \\mbox{ inches}^2$");
    expect(html).not.toContain("math-error");
    expect(html).toContain("inches");
  });

  it("keeps one formula's \\gdef out of every other formula", () => {
    expect(render("$\\gdef\\leak{LEAKED}\\leak$")).toContain("LEAKED");
    const next = render("$\\leak x$");
    expect(next).toContain("math-error");
    expect(next).not.toContain("LEAKED");
  });

  it("caps sizes", () => {
    const html = render("$\\rule{10000em}{10000em}$");
    const styles = [...html.matchAll(/style="([^"]*)"/g)].map((m) => m[1]).join(";");
    expect(styles).not.toMatch(/10000em/);
    expect(styles).toMatch(/20em/);
  });
});

describe("markdown", () => {
  it("renders lists, emphasis, code and line breaks", () => {
    const html = render("Steps:\n1. **first** step\n2. *second* `x+1`\n\nline one\nline two");
    expect(html).toContain("<ol>");
    expect(html).toContain("<strong>first</strong>");
    expect(html).toContain("<em>second</em>");
    expect(html).toContain("<code>x+1</code>");
    expect(html).toContain("line one<br>\nline two");
  });

  it("never throws on odd input", () => {
    for (const t of [
      "",
      "$",
      "$$",
      "\\",
      "\\(",
      "\\[",
      "$$$$",
      "$\\$",
      "\u0000$x$",
      "a\r\n$b$",
      "$".repeat(1000),
      "\\[".repeat(500),
    ]) {
      expect(typeof render(t)).toBe("string");
    }
  });
});

describe("renderInlineMath (one-line previews)", () => {
  it("renders inline math with the text's budget and never throws", async () => {
    const { renderInlineMath } = await import("./markdown-math");
    expect(renderInlineMath("Compute $2+3$.")).toContain('class="katex"');
    expect(renderInlineMath("no math <b>here</b>")).toBe("no math &lt;b&gt;here&lt;/b&gt;");
    const many = Array.from({ length: 1_200 }, (_, i) => `$x_${i}$`).join(" ");
    expect(renderInlineMath(many)).toBe(many.replace(/</g, "&lt;")); // past the per-text formula budget: as written
  });
});
