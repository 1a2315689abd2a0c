import { describe, expect, it } from "vitest";
import { splitSteps } from "@/lib/core/steps";
import { longTrace } from "@/bench/lib/synthetic";
import { PAGE_LIMITS, TEXT_LIMITS } from "./budget";
import { PageBudget, renderMarkdownMath as render } from "./markdown-math";
import { CACHE_BYTES, clearTexCache, texCacheBytes } from "./tex";

// Issue 11 §1: a budget per text and per page; past it the rest of the text shows as written,
// after a note saying why.
const formulas = (html: string) => (html.match(/class="katex"/g) ?? []).length;
const NOTE = /<p class="md-budget" role="note">Math rendering stopped here: ([^<]*)<\/p>/;
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
/** The text shown as written after the note, unescaped. */
const rawRest = (html: string) => unescape(/<div class="md-raw">([\s\S]*)<\/div>\n$/.exec(html)?.[1] ?? "");

// A formula under every per-formula limit (11 expansions, ~3,000 tokens) whose macros make ten
// times more than it is long; 50 of them were accepted whole.
const bomb = (k: number) =>
  ("$\\def\\a{" + "x".repeat(150) + "}\\def\\b{" + "\\a".repeat(10) + "}\\b " + k + "$ " + "and so on ".repeat(80))
    .padEnd(998, ".")
    .slice(0, 998) + "\n\n";

describe("a budget per text", () => {
  it("50 \\def bombs in 50 KB: stops after a few, says why, shows the rest as written", () => {
    clearTexCache();
    const text = Array.from({ length: 50 }, (_, k) => bomb(k)).join("");
    expect(text.length).toBe(50_000);
    const t = performance.now();
    const html = render(text);
    expect(performance.now() - t).toBeLessThan(3000); // was 7.8 s and 13 MB for the bombs
    expect(html.length).toBeLessThan(200_000);
    expect(NOTE.exec(html)?.[1]).toMatch(/this step exceeds 10,000 TeX tokens/);
    const rest = rawRest(html);
    expect(rest.length).toBeGreaterThan(40_000);
    expect(text.endsWith(rest)).toBe(true);
  });

  it("a 1 MB step of $x$x$x...: 1,000 formulas, then the text as written", () => {
    const text = "$x$x".repeat(250_000);
    const t = performance.now();
    const html = render(text);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(NOTE.exec(html)?.[1]).toBe(
      `this step exceeds ${TEXT_LIMITS.formulas.toLocaleString("en-US")} formulas. The rest is shown as written.`,
    );
    expect(formulas(html)).toBe(0); // the one paragraph is where the budget ran out: all of it as written
    expect(rawRest(html)).toBe(text);
    expect(html.length).toBeLessThan(1.2e6); // was a 106 MB page
  }, 30_000);

  it("keeps the blocks before the one where the budget ran out, and cuts byte-exact (CRLF)", () => {
    const text = "Intro $a^2$ here.\r\n\r\n" + "$y$ ".repeat(1_200) + "\r\n\r\n**tail** <b>&amp;</b>\r\n";
    const html = render(text);
    expect(html.startsWith('<p>Intro <span class="katex">')).toBe(true);
    expect(formulas(html)).toBe(1);
    expect(rawRest(html)).toBe(text.slice(text.indexOf("$y$")));
    expect(html).not.toContain("<strong>tail</strong>");
    expect(html).not.toContain("<b>");
  });

  it("renders every step of the bench's real-shaped trace on one page budget", () => {
    clearTexCache();
    const steps = splitSteps(longTrace(0x9a9e, 400, 1500));
    const page = new PageBudget();
    let n = 0;
    for (const step of steps) {
      const html = render(step, page);
      expect(html).not.toMatch(NOTE);
      n += formulas(html);
    }
    expect(n).toBe(1500);
    // Headroom, so real traces of several times this size stay whole too.
    expect(page.used.formulas * 3).toBeLessThan(PAGE_LIMITS.formulas);
    expect(page.used.tokens * 3).toBeLessThan(PAGE_LIMITS.tokens);
    expect(page.used.bytes * 2.5).toBeLessThan(PAGE_LIMITS.bytes);
  });
});

describe("a budget per page", () => {
  it("stops at the page's limit across texts, and later texts show as written with the note", () => {
    const page = new PageBudget({ formulas: 25, tokens: 1e9, bytes: 1e12 });
    const step = "Let $x$ and $y$ and $z$ be reals.\n\nThen $x+y$ and $y+z$.";
    const shown = [1, 2, 3, 4, 5, 6].map(() => render(step, page));
    expect(shown.slice(0, 5).map(formulas)).toEqual([5, 5, 5, 5, 5]);
    expect(NOTE.exec(shown[5])?.[1]).toMatch(/^this page exceeds 25 formulas/);
    expect(rawRest(shown[5])).toBe(step);
    expect(formulas(shown[5])).toBe(0);
  });

  it("counts cached formulas too, so what a page shows does not depend on earlier pages", () => {
    const text = "$\\frac{a}{b}$ ".repeat(30);
    const first = render(text, new PageBudget({ formulas: 1e9, tokens: 100, bytes: 1e12 }));
    const again = render(text, new PageBudget({ formulas: 1e9, tokens: 100, bytes: 1e12 }));
    expect(again).toBe(first);
    expect(first).toMatch(/this page exceeds 100 TeX tokens/);
  });

  it("bounds output bytes", () => {
    const html = render(
      "$\\sum_{i=1}^{n} i^2 + \\frac{x}{y}$ ".repeat(500),
      new PageBudget({ formulas: 1e9, tokens: 1e9, bytes: 50_000 }),
    );
    expect(html).toMatch(/this page exceeds 50 KB of rendered math/);
  });
});

describe("the formula cache", () => {
  it("holds at most CACHE_BYTES however large the formulas", () => {
    clearTexCache();
    // 100 distinct formulas of ~400 KB of HTML each (2,400 tokens: under every per-formula limit):
    // ~80 MB held if only the entry count bounded the cache.
    for (let k = 0; k < 100; k++) render(`$${"x+".repeat(1_200)}${k}$`);
    expect(texCacheBytes()).toBeLessThanOrEqual(CACHE_BYTES);
    expect(texCacheBytes()).toBeGreaterThan(CACHE_BYTES / 2);
  }, 120_000);
});
