import { describe, expect, it } from "vitest";
import { renderMarkdownMath as render } from "./markdown-math";
import { clearTexCache } from "./tex";

// Issue 11 §1: one text's rendering cost grows linearly with its length. Timed as the best of
// three runs (a shared machine only ever makes a run slower), with wide margins.
function bestMs(f: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const unmatched: Record<string, (n: number) => string> = {
  "\\(": (n) => "\\(".repeat(n),
  "\\[": (n) => "\\[".repeat(n),
  $$: (n) => "$$x ".repeat(n),
  "\\[ lines in one paragraph": (n) => "\\[ a\n".repeat(n),
  "$$ lines in one paragraph": (n) => "$$ a\n".repeat(n),
  "mixed openers": (n) => "\\( \\[ $$ a ".repeat(n / 4),
  "\\[ lines, one far \\] at the end": (n) => "\\[ a\n".repeat(n) + "b\n\n".repeat(n / 10) + "\\]",
  "unclosed \\boxed{": (n) => "\\boxed{".repeat(n / 3),
};

describe("delimiter scanning is linear in the text", () => {
  it("renders a 200 KB step of unmatched \\( in well under a second, as the text written", () => {
    const text = "\\(".repeat(100_000);
    let html = "";
    const ms = bestMs(() => (html = render(text)), 1);
    expect(ms).toBeLessThan(1000);
    expect(html).toBe(`<p>${text}</p>\n`);
  }, 60_000);

  for (const [name, make] of Object.entries(unmatched)) {
    it(`${name}: doubling the text about doubles the time`, () => {
      const small = make(25_000);
      const large = make(50_000);
      render(small); // warm up
      const smallMs = bestMs(() => render(small), 5);
      const largeMs = bestMs(() => render(large), 5);
      // Linear: ~2x. The quadratic scan gave ~4x (and seconds, not milliseconds). Below 20 ms a
      // run is mostly noise, so that is the floor of the ratio's denominator.
      expect(largeMs / Math.max(smallMs, 20), `${Math.round(smallMs)} ms -> ${Math.round(largeMs)} ms`).toBeLessThan(3);
      expect(largeMs).toBeLessThan(1500);
    }, 60_000);
  }

  it("still finds the formulas among unmatched openers", () => {
    const html = render("\\[ a \\(x^2\\) b \\( c $$y$$");
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain("\\[ a ");
    expect(html).toContain(" b \\( c ");
  });
});

describe("one formula's cost is bounded", () => {
  it("refuses a macro bomb within maxExpand that makes 40,000 tokens, quickly, shown as written", () => {
    clearTexCache();
    const bomb = "$\\def\\a{" + "x".repeat(100) + "}\\def\\b{" + "\\a".repeat(50) + "}" + "\\b".repeat(8) + "$";
    let html = "";
    const ms = bestMs(() => (html = render(bomb)), 1);
    expect(html).toContain("math-error");
    expect(html).toContain("TeX tokens");
    expect(html.length).toBeLessThan(5_000);
    expect(ms).toBeLessThan(1000);
  });
});
