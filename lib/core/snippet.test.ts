import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sharedData } from "@/test-support/shared-data";
import { mathSnippet } from "./snippet";

// Unescaped $ count, and \( \) balance: an even count / zero balance = no formula cut open.
function balanced(s: string): boolean {
  let dollars = 0,
    paren = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") {
      if (s[i + 1] === "(") paren++;
      if (s[i + 1] === ")") paren--;
      i++;
      continue;
    }
    if (s[i] === "$") dollars++;
  }
  return dollars % 2 === 0 && paren === 0;
}

describe("mathSnippet", () => {
  it("keeps short text whole and flattens whitespace", () => {
    expect(mathSnippet("a\n\nb   $x$")).toBe("a b $x$");
  });

  it("never cuts inside a formula: extends to its end when near, else cuts before it", () => {
    const near = `${"w ".repeat(70)}$\\frac{1}{2}+\\frac{3}{4}$ tail ${"z ".repeat(40)}`;
    const s = mathSnippet(near, 150);
    expect(s.endsWith("$\\frac{1}{2}+\\frac{3}{4}$…")).toBe(true);
    const far = `${"w ".repeat(70)}$${"x+".repeat(200)}1$`;
    expect(mathSnippet(far, 150)).toBe(`${"w ".repeat(70).trimEnd()}…`);
    expect(mathSnippet(`${"a".repeat(150)} \\(${"y".repeat(30)}\\) end`, 160)).toBe(
      `${"a".repeat(150)} \\(${"y".repeat(30)}\\)…`,
    );
    expect(mathSnippet(`${"a".repeat(150)} \\$5 and \\$6 more words here`, 156)).toBe(`${"a".repeat(150)} \\$5…`);
  });

  it("leaves no formula open on any MATH-500 problem", () => {
    const rows = readFileSync(sharedData("math500", "test.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { problem: string });
    let cut = 0;
    for (const r of rows) {
      if (!balanced(r.problem.replace(/\s+/g, " "))) continue; // the source itself is unbalanced
      const s = mathSnippet(r.problem, 120);
      if (s.endsWith("…")) cut++;
      expect(balanced(s), s).toBe(true);
    }
    expect(cut).toBeGreaterThan(100); // the check ran on many cut snippets
  });
});
