import { describe, expect, it } from "vitest";
import { numberedAttempt, renderTemplate, turn2Messages } from "./render";
import { DEFAULT_TURN1, DEFAULT_TURN2 } from "./default-template";

describe("template rendering", () => {
  it("substitutes once, never re-expanding substituted text", () => {
    expect(renderTemplate("A {{problem}} B {{attempt}}", { problem: "{{attempt}}", attempt: "x" })).toBe(
      "A {{attempt}} B x",
    );
  });
  it("numbers steps from 1 with **Substep i:**", () => {
    expect(numberedAttempt("a\n\nb\n\n\n\nc")).toBe(
      "**Substep 1:** a\n\n**Substep 2:** b\n\n**Substep 3:** \n\n**Substep 4:** c",
    );
  });
  it("builds the two-turn conversation with the default template", () => {
    const m = turn2Messages(
      { turn1: DEFAULT_TURN1, turn2: DEFAULT_TURN2 },
      { problem: "P?", reference_solution: "R.", answer: "42", attempt: "**Substep 1:** s" },
      "SOL",
    );
    expect(m.map((x) => x.role)).toEqual(["user", "assistant", "user"]);
    expect(m[0].content).toContain("P?");
    expect(m[0].content).toContain("R.");
    expect(m[1].content).toBe("SOL");
    expect(m[2].content).toContain("**Substep 1:** s");
    expect(m[2].content).toContain('<intervention>{"content": "...", "location": N}</intervention>');
    // the self-check names the exact answer it must not leak (Box 1: i.e., "{correct_answer}")
    expect(m[2].content).toContain('reference solution ("42") anywhere?');
    expect(m[0].content).not.toContain("42");
  });
});
