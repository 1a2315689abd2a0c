import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { upsertSampledTrace } from "./sample-store";
import { getAnalysis } from "./analysis";
import { comparePair, getPairComparison, getProblemSides, pickPair } from "./compare";
import { comparableModels, getAttemptModels, getAttemptWithText } from "./compare-attempts";
import { pairSql, pairSqlParams } from "./compare-sql";

// Sampled attempts in the comparison (issue 5 §1): every attempt is a Rollout of condition
// "attempt"; only the wrong ones are also traces (origin "sampled"), through the sample stage's
// own writer (upsertSampledTrace: the same text twice is one trace).
const W = (i: number) => `Attempt ${i}: add them.\n\nWe get $2+3=6$.\n\nSo the answer is $\\boxed{6}$.`;
const R = (i: number) => `Right ${i}: add them.\n\nWe get $2+3=5$, checked twice (${"é".repeat(i)}).\n\nSo the answer is $\\boxed{5}$.`;
const QB = "Imported base attempt on Q.\n\nSo the answer is $\\boxed{5}$.";
const QU = "Imported base attempt on Q, never graded.\n\nSo $\\boxed{7}$.";
const bytes = (xs: string[]) => xs.reduce((s, x) => s + Buffer.byteLength(x), 0);

let ds = "";
let P = "";
let Q = "";
let sampleNo = 0;

async function problem(name: string) {
  return prisma.problem.create({ data: { datasetId: ds, statement: `What is 2+3? (${name})`, answer: "5", contentHash: sha256(name) } });
}

/** The sample stage's writes for one model's attempts: a trace per distinct wrong text, a rollout per attempt. */
async function sample(problemId: string, model: string, attempts: [text: string, correct: boolean][]) {
  for (const [text, correct] of attempts) {
    const traceId = correct ? null : await upsertSampledTrace({ id: problemId, datasetId: ds }, model, text);
    await prisma.rollout.create({ data: { problemId, traceId, condition: "attempt", sample: sampleNo++, model, text, verdict: correct ? "equal" : "not_equal", correct } });
  }
}

async function imported(problemId: string, generator: string, text: string, correct: boolean | null) {
  await prisma.trace.create({ data: { datasetId: ds, problemId, text, generator, correct, stepCount: 2, contentHash: sha256(generator, text) } });
}

beforeAll(async () => {
  ds = (await prisma.dataset.create({ data: { name: "compare-attempts" } })).id;
  P = (await problem("P")).id;
  Q = (await problem("Q")).id;
  // P: base 0/4 (W1 twice: one trace), trained 2/4
  await sample(P, "base", [[W(1), false], [W(1), false], [W(2), false], [W(3), false]]);
  await sample(P, "trained", [[R(1), true], [W(4), false], [R(2), true], [W(5), false]]);
  // Q: base has two imported traces (one right, one ungraded), trained 0/2 sampled
  await imported(Q, "base", QB, true);
  await imported(Q, "base", QU, null);
  await sample(Q, "trained", [[W(6), false], [W(7), false]]);
  // "solver": solved P in both attempts, so it has no trace at all
  await sample(P, "solver", [[R(3), true], [R(4), true]]);
});

describe("comparison over attempts (traces not sampled + attempt rollouts)", () => {
  it("the stored rows: sampled traces are copies of wrong attempts only", async () => {
    const traces = await prisma.trace.groupBy({ by: ["generator", "origin"], where: { datasetId: ds }, _count: { _all: true }, orderBy: [{ generator: "asc" }, { origin: "asc" }] });
    expect(traces.map((t) => [t.generator, t.origin, t._count._all])).toEqual([["base", "imported", 2], ["base", "sampled", 3], ["trained", "sampled", 4]]);
  });

  it("P: base 0/4, trained 2/4 -> fixed; Q: base 1/1 graded, trained 0/2 -> broken; pass@k and length over the same attempts", async () => {
    const c = await comparePair(ds, "base", "trained");
    expect(c.common).toBe(2);
    expect(c.a).toMatchObject({ problems: 2, graded: 5, correct: 1, accuracy: 0.2 });
    expect(c.b).toMatchObject({ problems: 2, graded: 6, correct: 2 });
    expect(c.b.accuracy).toBeCloseTo(1 / 3, 12);
    expect(c.flipCounts).toEqual({ fixed: 1, broken: 1 });
    expect(c.flips.map((f) => [f.problemId, f.flip, f.a, f.b])).toEqual(
      [[P, "fixed", { n: 4, c: 0 }, { n: 4, c: 2 }], [Q, "broken", { n: 1, c: 1 }, { n: 2, c: 0 }]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    // pass@k: P (4, 0) and Q (1, 1) for base; P (4, 2) and Q (2, 0) for trained; k > n leaves a problem out
    expect(c.a.passAtK).toEqual([{ k: 1, value: 0.5, problems: 2 }, { k: 2, value: 0, problems: 1 }, { k: 4, value: 0, problems: 1 }]);
    expect(c.b.passAtK.map((p) => p.k)).toEqual([1, 2, 4]);
    expect(c.b.passAtK[0]).toEqual({ k: 1, value: 0.25, problems: 2 });
    expect(c.b.passAtK[1].value).toBeCloseTo((1 - 1 / 6) / 2, 12); // P: 1 - C(2,2)/C(4,2); Q: 0
    expect(c.b.passAtK[2]).toEqual({ k: 4, value: 1, problems: 1 });
    // mean length: the 4 attempt texts on P (W1 counted twice, as sampled) + both imported traces on Q
    expect(c.a.meanTokens).toBe(Math.round(bytes([W(1), W(1), W(2), W(3), QB, QU]) / 6 / 4));
    expect(c.b.meanTokens).toBe(Math.round(bytes([R(1), W(4), R(2), W(5), W(6), W(7)]) / 6 / 4));
  });

  it("does not count a sampled trace twice (it is the copy of an attempt rollout)", async () => {
    const c = await comparePair(ds, "trained", "base");
    const p = c.flips.find((f) => f.problemId === P)!;
    expect(p).toMatchObject({ flip: "broken", a: { n: 4, c: 2 }, b: { n: 4, c: 0 } }); // not 4 + 2 sampled traces, not 4 + 3
  });

  it("a model with attempt rollouts only is offered and compared", async () => {
    const models = await getAttemptModels(ds);
    expect(models).toEqual([
      { model: "base", attempts: 4, correct: 0, problems: 1 },
      { model: "solver", attempts: 2, correct: 2, problems: 1 },
      { model: "trained", attempts: 6, correct: 2, problems: 2 },
    ]);
    const analysis = await getAnalysis(ds);
    expect(analysis.models.find((m) => m.generator === "solver")).toMatchObject({ traces: 0, attempts: 2, accuracy: 1 }); // no trace, listed
    const offered = comparableModels(analysis.models, models).map((m) => m.generator);
    expect(offered).toContain("solver");
    expect(new Set(offered)).toEqual(new Set(["base", "trained", "solver"]));
    expect(pickPair(comparableModels(analysis.models, models), "base", "solver")).toEqual({ a: "base", b: "solver" });
    const c = await comparePair(ds, "base", "solver");
    expect(c).toMatchObject({ common: 1, flipCounts: { fixed: 1, broken: 0 }, b: { graded: 2, correct: 2, accuracy: 1 } });
  });

  it("side by side: a model that solved every attempt shows its correct attempts, viewable like a trace", async () => {
    const s = (await getProblemSides(ds, P, "base", "solver"))!;
    expect(s.a.map((t) => [t.kind, t.correct])).toEqual([["trace", false], ["trace", false], ["trace", false]]);
    expect(s.b.map((t) => [t.kind, t.correct])).toEqual([["attempt", true], ["attempt", true]]);
    expect(s.sampled).toEqual({ a: { n: 4, c: 0 }, b: { n: 2, c: 2 } });
    const r = (await getAttemptWithText(s.b[0].id, P))!;
    expect(r).toMatchObject({ text: R(3), correct: true, generator: "solver", errorStep: null });
    expect(await getAttemptWithText(s.b[0].id, Q)).toBeNull(); // not an attempt on that problem
    const t = (await getProblemSides(ds, P, "base", "trained"))!;
    expect(t.b.map((x) => [x.kind, x.correct])).toEqual([["trace", false], ["trace", false], ["attempt", true], ["attempt", true]]);
  });

  it("reads the traces and the attempts from covering indexes (Rollout_attempt_idx: issue 15 §4)", async () => {
    const plan = (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${pairSql(500)}`, ...pairSqlParams(ds, "base", "trained"))).map((r) => r.detail);
    expect(plan).toContain("SEARCH t USING COVERING INDEX Trace_analysis_idx (datasetId=?)");
    expect(plan.some((d) => /SEARCH r USING COVERING INDEX Rollout_attempt_idx \(problemId=\? AND condition=\?/.test(d))).toBe(true);
    expect(plan.some((d) => /SEARCH t USING COVERING INDEX Trace_sampled_idx \(id=\? AND origin=\?/.test(d))).toBe(true); // subtracted sampled traces, index-only
    expect(plan.some((d) => /SCAN t\b/.test(d))).toBe(false);
    // the sampled traces are looked up by id, not by walking the dataset's rows
    expect(plan.some((d) => /SEARCH t USING INDEX Trace_analysis_idx/.test(d))).toBe(false);
  });
});

describe("cached comparison and new attempts", () => {
  it("a new correct attempt (a rollout, no trace) refreshes the cached comparison and model list", async () => {
    const first = await getPairComparison(ds, "base", "solver");
    expect(first).toMatchObject({ common: 1, b: { graded: 2 } });
    // prove the next read is served from the cache: mark the cached value, keep its fingerprint
    const key = `compare:${ds}:${JSON.stringify(["base", "solver"])}`;
    const row = await prisma.setting.findUniqueOrThrow({ where: { key } });
    const cached = JSON.parse(row.value);
    cached.data.b.graded = 999;
    await prisma.setting.update({ where: { key }, data: { value: JSON.stringify(cached) } });
    expect((await getPairComparison(ds, "base", "solver")).b.graded).toBe(999);
    const traces = await prisma.trace.count();
    await sample(Q, "solver", [[R(5), true]]);
    expect(await prisma.trace.count()).toBe(traces);
    const after = await getPairComparison(ds, "base", "solver");
    expect(after).toMatchObject({ common: 2, flipCounts: { fixed: 1, broken: 0 }, b: { graded: 3, correct: 3 } });
    expect((await getAttemptModels(ds)).find((m) => m.model === "solver")).toEqual({ model: "solver", attempts: 3, correct: 3, problems: 2 });
  });
});
