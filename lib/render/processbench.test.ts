import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedData } from "@/test-support/shared-data";
import { renderMarkdownMath } from "./markdown-math";

type Row = { id: string; steps: string[] };

describe("ProcessBench MATH steps", () => {
  it("renders every step without throwing and without breaking out of math", () => {
    const rows = JSON.parse(readFileSync(sharedData("processbench", "math.json"), "utf8")) as Row[];
    let steps = 0;
    let formulas = 0;
    let errors = 0;
    for (const row of rows) {
      for (const step of row.steps) {
        const html = renderMarkdownMath(step);
        expect(html, row.id).not.toMatch(/<(script|a|img|style|iframe)[\s>]/);
        steps++;
        formulas += (html.match(/class="katex"/g) ?? []).length;
        errors += (html.match(/class="math-error/g) ?? []).length;
      }
    }
    expect(steps).toBe(6505);
    expect(formulas).toBeGreaterThan(10_000);
    // Real traces hold a little broken LaTeX; it must stay rare (shown raw, in place).
    expect(errors / formulas).toBeLessThan(0.01);
  });
});
