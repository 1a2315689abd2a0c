import { describe, expect, it } from "vitest";
import { factsOf, itemOutcome, outcomeTotals } from "./job-outcome";
import { heldBackWhy, isHeldBack } from "./propose/outcome";
import { verdictCountsText, verdictWord } from "./verdict-words";
import { parseIntervention } from "./parse-intervention";

describe("verdict words", () => {
  it("maps every grader verdict code to words a person reads", () => {
    expect(["equal", "not_equal", "no_answer", "unparseable", "timeout", "error"].map(verdictWord)).toEqual([
      "correct",
      "wrong",
      "no answer",
      "unreadable answer",
      "grading timed out",
      "grading error",
    ]);
    expect(verdictWord("some_new_code")).toBe("some new code");
  });

  it("states counts in a fixed order, zero counts left out", () => {
    expect(verdictCountsText({ no_answer: 1, not_equal: 4, equal: 3, timeout: 0 })).toBe(
      "3 correct, 4 wrong, 1 no answer",
    );
    expect(verdictCountsText({})).toBe("");
  });
});

describe("held back", () => {
  it("is the parser's answer_leak failure, read from the stored reason", () => {
    const r = parseIntervention('<intervention>{"content": "So the answer is 17.", "location": 1}</intervention>', {
      stepCount: 3,
      answer: "17",
    });
    expect(r.ok).toBe(false);
    const reason = r.ok ? null : r.reason;
    expect(isHeldBack({ parseOk: false, parseReason: reason })).toBe(true);
    expect(heldBackWhy(reason as string)).toBe('the content contains the ground-truth answer "17"');
    expect(
      isHeldBack({ parseOk: false, parseReason: "missing_tag: no <intervention>...</intervention> in the output" }),
    ).toBe(false);
    expect(isHeldBack({ parseOk: true, parseReason: null })).toBe(false);
    expect(isHeldBack({ parseOk: false, parseReason: "answer_leaked but not the code" })).toBe(false);
  });
});

describe("item outcome", () => {
  const propose = (result: Record<string, unknown> | null, status = "done") =>
    itemOutcome(factsOf("propose", status, result));
  it("names propose items from their result summary", () => {
    expect(propose({ proposalId: "p", parseOk: true, reason: null, location: 2 })).toBe("parsed");
    expect(propose({ parseOk: false, reason: 'answer_leak: the content contains the ground-truth answer "7"' })).toBe(
      "held back",
    );
    expect(propose({ parseOk: false, reason: "invalid_json: the tag does not hold a readable JSON object" })).toBe(
      "parse failure",
    );
    expect(propose({ skipped: "trace no longer exists" })).toBe("skipped");
    expect(propose(null, "failed")).toBe("failed");
    expect(propose({ lease: "123-abc" }, "running")).toBe("running");
    expect(propose(null, "pending")).toBe("pending");
  });

  it("names rollout and sampling items by how many samples were correct", () => {
    const ro = (samples: number, correct: number, kind = "rollouts") =>
      itemOutcome(factsOf(kind, "done", { condition: "intervention", samples, correct, reused: 0 }));
    expect(ro(8, 8)).toBe("all correct");
    expect(ro(8, 3)).toBe("some correct");
    expect(ro(8, 0)).toBe("none correct");
    expect(ro(4, 0, "sample")).toBe("none correct");
    expect(itemOutcome(factsOf("rollouts", "done", { skipped: "intervention no longer exists" }))).toBe("skipped");
    expect(itemOutcome(factsOf("onpolicy", "done", { nllMean: 1.2 }))).toBe("scored");
    expect(itemOutcome(factsOf("onpolicy", "done", { skipped: "already scored", nllMean: 1.2 }))).toBe("skipped");
  });

  it("never throws on odd stored results", () => {
    expect(itemOutcome(factsOf("rollouts", "done", { samples: "8", correct: null }))).toBe("done");
    expect(itemOutcome(factsOf("propose", "done", { parseOk: "yes" }))).toBe("done");
    expect(itemOutcome(factsOf("propose", "done", { proposalId: "p1" }))).toBe("done");
    expect(itemOutcome(factsOf("mystery", "done", {}))).toBe("done");
  });

  it("adds up groups by outcome in a fixed order", () => {
    const f = (r: Record<string, unknown>, status = "done") => factsOf("propose", status, r);
    expect(
      outcomeTotals([
        { facts: f({ parseOk: true }), n: 5 },
        { facts: f({}, "failed"), n: 2 },
        { facts: f({ parseOk: false, reason: "answer_leak: x" }), n: 3 },
        { facts: f({ parseOk: true }), n: 1 },
      ]),
    ).toEqual([
      { outcome: "parsed", n: 6 },
      { outcome: "held back", n: 3 },
      { outcome: "failed", n: 2 },
    ]);
  });
});

describe("job phase", () => {
  it("a cancelled or paused job with items still running is cancelling / pausing, and stays live", async () => {
    const { jobPhase, jobIsLive, phaseNote } = await import("./job-phase");
    expect(jobPhase("cancelled", 34)).toBe("cancelling");
    expect(phaseNote("cancelled", 34)).toBe("cancelling: 34 calls finishing");
    expect(phaseNote("cancelled", 1)).toBe("cancelling: 1 call finishing");
    expect(jobIsLive("cancelled", 34)).toBe(true);
    expect(jobPhase("cancelled", 0)).toBe("cancelled");
    expect(phaseNote("cancelled", 0)).toBeNull();
    expect(jobIsLive("cancelled", 0)).toBe(false);
    expect(jobPhase("paused", 2)).toBe("pausing");
    expect(jobIsLive("running", 0)).toBe(true);
    expect(jobIsLive("done", 0)).toBe(false);
  });
});

describe("propose items with a shared turn 1 (K proposals per item)", () => {
  it("are named by their best proposal, from the counts the item stores", async () => {
    const { factsOf, itemOutcome } = await import("./job-outcome");
    const item = (r: Record<string, unknown>) =>
      itemOutcome(factsOf("propose", "done", { samples: 4, stored: 4, ...r }));
    expect(item({ parsed: 2, noError: 0, heldBack: 2 })).toBe("parsed");
    expect(item({ parsed: 1, noError: 1, heldBack: 3 })).toBe("no error");
    expect(item({ parsed: 0, noError: 0, heldBack: 1 })).toBe("held back");
    expect(item({ parsed: 0, noError: 0, heldBack: 0 })).toBe("parse failure");
    // one proposal per item: its own flags
    expect(itemOutcome(factsOf("propose", "done", { parseOk: true, noError: true }))).toBe("no error");
    expect(itemOutcome(factsOf("propose", "done", { parseOk: true }))).toBe("parsed");
  });
});
