import { describe, expect, it } from "vitest";
import { OnePerProblem, comparePick, isPerProblem, type PickCandidate } from "./per-problem";

// One row per problem (issue 12 §4): a constructed case for each step of the rule.

const c = (interventionId: string, over: Partial<PickCandidate> = {}): PickCandidate => ({
  problemId: "p",
  interventionId,
  status: "proposed",
  rolloutsCorrect: 0,
  createdAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

function pick(cands: PickCandidate[]) {
  const forward = new OnePerProblem();
  for (const x of cands) forward.offer(x);
  const backward = new OnePerProblem();
  for (const x of [...cands].reverse()) backward.offer(x);
  const kept = cands.filter((x) => forward.chosen(x.problemId, x.interventionId)).map((x) => x.interventionId);
  // the rule is a total order: the order rows arrive in never changes the pick
  expect(cands.filter((x) => backward.chosen(x.problemId, x.interventionId)).map((x) => x.interventionId)).toEqual(
    kept,
  );
  return { kept, decidedBy: forward.decidedBy() };
}

describe("one row per problem", () => {
  it("a person's choice first: accepted/edited beats more correct rollouts and an earlier parse", () => {
    const r = pick([
      c("model-early", { rolloutsCorrect: 30, createdAt: "2026-01-01T00:00:00.000Z" }),
      c("person", { status: "accepted", rolloutsCorrect: 1, createdAt: "2026-03-01T00:00:00.000Z" }),
    ]);
    expect(r.kept).toEqual(["person"]);
    expect(r.decidedBy).toEqual({ only: 0, person: 1, rollouts: 0, first: 0 });
    expect(pick([c("a", { rolloutsCorrect: 9 }), c("e", { status: "edited" })]).kept).toEqual(["e"]);
  });

  it("then the most correct rollouts, among the person's choices", () => {
    const r = pick([
      c("two", { status: "accepted", rolloutsCorrect: 2, createdAt: "2026-01-01T00:00:00.000Z" }),
      c("five", { status: "edited", rolloutsCorrect: 5, createdAt: "2026-02-01T00:00:00.000Z" }),
      c("proposed-ten", { rolloutsCorrect: 10 }),
    ]);
    expect(r.kept).toEqual(["five"]);
    expect(r.decidedBy.rollouts).toBe(1);
  });

  it("then the first parsed: the earliest created, then the smaller id", () => {
    const r = pick([
      c("later", { rolloutsCorrect: 3, createdAt: "2026-01-02T00:00:00.000Z" }),
      c("earlier", { rolloutsCorrect: 3, createdAt: "2026-01-01T12:00:00.000Z" }),
    ]);
    expect(r.kept).toEqual(["earlier"]);
    expect(r.decidedBy.first).toBe(1);
    expect(pick([c("c0002"), c("c0001"), c("c0003")]).kept).toEqual(["c0001"]);
    // dates as SQLite gives them back (ms numbers) compare the same way
    expect(pick([c("x", { createdAt: 2000 }), c("y", { createdAt: 1000 })]).kept).toEqual(["y"]);
  });

  it("one kept per problem; a lone row is kept and counted as 'only'", () => {
    const r = pick([
      c("a", { problemId: "p1" }),
      c("b", { problemId: "p1", status: "accepted" }),
      c("z", { problemId: "p2" }),
    ]);
    expect(r.kept).toEqual(["b", "z"]);
    expect(r.decidedBy).toEqual({ only: 1, person: 1, rollouts: 0, first: 0 });
  });

  it("comparePick names the step that decided; choices parse", () => {
    expect(comparePick(c("a", { status: "accepted" }), c("b")).by).toBe("person");
    expect(comparePick(c("a", { rolloutsCorrect: 1 }), c("b")).by).toBe("rollouts");
    expect(comparePick(c("a"), c("b")).by).toBe("first");
    expect(comparePick(c("a"), c("b")).order).toBeLessThan(0);
    expect(isPerProblem("one") && isPerProblem("all") && !isPerProblem("first")).toBe(true);
  });
});
