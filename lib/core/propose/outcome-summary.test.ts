import { describe, expect, it } from "vitest";
import { parseIntervention } from "../parse-intervention";
import { classifyProposal, latestRun, summarizeOutcomes, type OutcomeInput } from "./outcome-summary";

// Stored the way lib/data/proposal-store.ts stores a parse result (parseOk, parseReason, location, content).
function stored(raw: string, stepCount: number, answer: string): OutcomeInput {
  const r = parseIntervention(raw, { stepCount, answer });
  if (r.ok) {
    const v = r.value as { location: number; content: string } | null; // null: "no error" verdict
    return { parseOk: true, parseReason: null, location: v?.location ?? null, content: v?.content ?? null };
  }
  return {
    parseOk: false,
    parseReason: r.reason,
    location: r.partial.location ?? null,
    content: r.partial.content ?? null,
  };
}

const NO_ERROR =
  "## Verification log\nAll fine.\n\n## Critical error report\nThere is no critical error in this attempt.\n\n<intervention></intervention>";
const tag = (content: string, location: number | string) =>
  `...\n<intervention>${JSON.stringify({ content, location })}</intervention>`;

describe("classifyProposal", () => {
  it("names each outcome from real parser results", () => {
    expect(classifyProposal(stored(tag("Recheck $2+3$.", 2), 3, "5"))).toBe("parsed");
    expect(classifyProposal(stored(tag("So the answer is 5.", 2), 3, "5"))).toBe("held_back");
    expect(classifyProposal(stored("no tag at all", 3, "5"))).toBe("parse_failed");
    expect(classifyProposal(stored(tag("x", 9), 3, "5"))).toBe("parse_failed");
    // a "no error" verdict: the report says so and the intervention is left empty
    expect(classifyProposal(stored(NO_ERROR, 3, "5"))).toBe("no_error");
  });
});

describe("summarizeOutcomes", () => {
  it("says what came back: '4 proposals: 2 parsed, 2 held back: contain the answer'", () => {
    const ps = [tag("Recheck $2+3$.", 2), tag("Try again: $2+3$", 2), tag("It is 5.", 2), tag("so 5", 1)].map((r) =>
      stored(r, 3, "5"),
    );
    expect(summarizeOutcomes(ps).line).toBe("4 proposals: 2 parsed, 2 held back: contain the answer");
    expect(summarizeOutcomes(ps).counts).toEqual({ parsed: 2, no_error: 0, held_back: 2, parse_failed: 0 });
  });

  it("names no-error verdicts and parse failures with their reason codes; singular forms", () => {
    const ps = [
      stored(NO_ERROR, 3, "5"),
      stored("nothing", 3, "5"),
      stored(tag("x", 0), 3, "5"),
      stored(tag("It is 5", 1), 3, "5"),
    ];
    expect(summarizeOutcomes(ps).line).toBe(
      "4 proposals: 1 no error found, 2 parse failures (location_out_of_range, missing_tag), 1 held back: contains the answer",
    );
    expect(summarizeOutcomes([stored(tag("fine", 1), 3, "5")]).line).toBe("1 proposal: 1 parsed");
    expect(summarizeOutcomes([]).line).toBe("0 proposals: none");
  });
});

describe("latestRun", () => {
  it("keeps the proposals of the newest run (job) only", () => {
    const ps = [
      { run: "job2", n: 1 },
      { run: "job2", n: 2 },
      { run: "job1", n: 3 },
    ];
    expect(latestRun(ps).map((p) => p.n)).toEqual([1, 2]);
    expect(latestRun([])).toEqual([]);
  });
});
