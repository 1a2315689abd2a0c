import { describe, expect, it } from "vitest";
import { renderMarkdownMath as render } from "./markdown-math";

// Issue 11 §1: negative sizes are capped like positive ones (KaTEX's maxSize, 20em).
const ems = (html: string) =>
  [...html.matchAll(/style="([^"]*)"/g)].flatMap((m) => [...m[1].matchAll(/(-?[\d.]+)em/g)].map((x) => Number(x[1])));

describe("negative sizes", () => {
  const cases = [
    "$\\raisebox{-100000em}{x}$",
    "$\\kern{-100000em}x$",
    "$a\\kern-100000em b$",
    "$\\mkern-1000000mu x$",
    "$\\hspace{-9999cm}x$",
    "$\\rule[-100000em]{1em}{1em}$",
    "$$\\begin{aligned}a\\\\[-100000em]b\\end{aligned}$$",
    "$\\let\\r\\raisebox\\r{-100000em}{x}$",
  ];
  for (const text of cases) {
    it(`${text}: no style beyond ±20em, the formula still rendered`, () => {
      const html = render(text);
      expect(html).not.toContain("math-error");
      expect(Math.min(...ems(html))).toBeGreaterThanOrEqual(-20);
      expect(Math.max(...ems(html))).toBeLessThanOrEqual(20);
    });
  }

  it("refuses a size below -20em that a macro builds (shown as written)", () => {
    const html = render("$\\def\\n{-}\\raisebox{\\n100000em}{x}$");
    expect(html).toContain("math-error");
    expect(html).toContain("a size below -20em");
    expect(Math.min(...ems(html), 0)).toBeGreaterThanOrEqual(-20);
  });

  it("leaves ordinary negative sizes and the text of a formula alone", () => {
    expect(ems(render("$\\raisebox{-1em}{x}$"))).toContain(-1);
    const html = render("$\\kern-2em x = -5000mm$");
    expect(html).toContain("5000");
    expect(ems(html)).toContain(-2);
  });
});
