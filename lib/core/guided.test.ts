import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sharedData } from "@/test-support/shared-data";
import { buildGuidedAttempt, containsAnswer, guidedParts } from "./guided";

// method.md §4, written out literally as the reference does it (Python semantics in TS).
function reference(attempt: string, location: number, content: string): string {
  const steps = attempt.split("\n\n");
  const content2 = content.split("\n").join("\n\n");
  return location === 1 ? content2 : steps.slice(0, location - 1).join("\n\n") + "\n\n" + content2;
}

const attempt = "Step one.\n\nStep two: 2+3=6.\n\nStep three.\n\nSo \\boxed{6}.";

describe("build rule", () => {
  it("location 1: the guided attempt is the intervention alone", () => {
    expect(buildGuidedAttempt(attempt, 1, "Let me restart.")).toBe("Let me restart.");
  });

  it("middle location: prefix + separator + intervention, suffix dropped", () => {
    expect(buildGuidedAttempt(attempt, 2, "Step two: 2+3=5.")).toBe("Step one.\n\nStep two: 2+3=5.");
    expect(buildGuidedAttempt(attempt, 3, "X")).toBe("Step one.\n\nStep two: 2+3=6.\n\nX");
  });

  it("last location replaces the last step", () => {
    expect(buildGuidedAttempt(attempt, 4, "Check again.")).toBe(
      "Step one.\n\nStep two: 2+3=6.\n\nStep three.\n\nCheck again.",
    );
  });

  it("multi-line content: every \\n becomes \\n\\n (so it splits into several steps)", () => {
    const g = buildGuidedAttempt(attempt, 2, "Wait.\nRecompute: $2+3=5$.\n\nThen continue.");
    expect(g).toBe("Step one.\n\nWait.\n\nRecompute: $2+3=5$.\n\n\n\nThen continue.");
    expect(g).toBe(reference(attempt, 2, "Wait.\nRecompute: $2+3=5$.\n\nThen continue."));
  });

  it("keeps bytes: CRLF, trailing spaces, unicode, empty content", () => {
    for (const [loc, c] of [
      [2, "a\r\nb  "],
      [3, "α → β\n"],
      [1, ""],
      [4, "\n"],
    ] as const) {
      expect(buildGuidedAttempt(attempt, loc, c)).toBe(reference(attempt, loc, c));
    }
  });

  it("agrees with the literal rule over every location", () => {
    const y = "s1\n\ns2\n\n\n\ns4\n\ns5 $x$\n";
    for (let loc = 1; loc <= y.split("\n\n").length; loc++) {
      expect(buildGuidedAttempt(y, loc, "fix\nit")).toBe(reference(y, loc, "fix\nit"));
    }
  });

  it("agrees with the literal rule on runs of newlines and on every real ProcessBench trace", () => {
    const odd = ["\n\n", "\n\n\n", "a\n\n\n\n\nb", "\n\nx\n\n", "x\n\n\n\n\n\ny\n\n"];
    const real = readFileSync(sharedData("processbench", "with-references.gsm8k-math.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { steps: string[] }).steps.join("\n\n"));
    for (const y of [...odd, ...real]) {
      const n = y.split("\n\n").length;
      for (const loc of new Set([1, 2, Math.ceil(n / 2), n].filter((l) => l <= n))) {
        expect(buildGuidedAttempt(y, loc, "fix\nit")).toBe(reference(y, loc, "fix\nit"));
      }
    }
  });

  it("parts: prefix ends with the separator (or is empty) and text = prefix + intervention", () => {
    const p = guidedParts(attempt, 3, "a\nb");
    expect(p.prefix).toBe("Step one.\n\nStep two: 2+3=6.\n\n");
    expect(p.intervention).toBe("a\n\nb");
    expect(p.text).toBe(p.prefix + p.intervention);
    expect(guidedParts(attempt, 1, "z").prefix).toBe("");
  });

  it("refuses a location out of range", () => {
    for (const loc of [0, -1, 5, 1.5, Number.NaN])
      expect(() => buildGuidedAttempt(attempt, loc, "x")).toThrow(RangeError);
  });
});

describe("leakage", () => {
  it("plain substring test of the ground-truth answer", () => {
    expect(containsAnswer("so the answer is 42.", "42")).toBe(true);
    expect(containsAnswer("so x = \\frac{1}{2}", "\\frac{1}{2}")).toBe(true);
    expect(containsAnswer("try factoring", "42")).toBe(false);
    expect(containsAnswer("anything", "")).toBe(false); // no answer known: nothing to test
  });
});
