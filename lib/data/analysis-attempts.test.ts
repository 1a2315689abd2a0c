import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { upsertSampledTrace } from "./sample-store";
import { computeAnalysis, getAnalysis } from "./analysis";
import { comparePair } from "./compare";
import { MODEL_GROUPS, modelGroupsParams } from "./attempts-sql";

// The analysis page's per-model numbers count sampled attempts like the comparison does (issue 5
// §2): a model's attempts on a problem = its traces not sampled + its attempt rollouts. "base"
// has imported traces (and two sampled attempts on R), "trained" was only sampled (its right
// attempts exist as rollouts alone), "solver" has one right attempt and no trace at all.
// Attempts are written by the sample stage's own trace writer (the same wrong text twice is one trace).
const text = (tag: string, steps: number, answer: number) =>
  [`${tag}: add them.`, ...Array.from({ length: steps - 2 }, (_, i) => `Check ${i + 1} of ${tag}.`), `So $\\boxed{${answer}}$.`].join("\n\n");
const BP1 = text("base P right", 3, 5), BP2 = text("base P wrong", 4, 6), BQ = text("base Q wrong", 2, 7), BR = text("base R ungraded é", 5, 9);
const W3 = text("base R sampled wrong", 3, 6), R4 = text("base R sampled right", 2, 5);
const T1 = text("trained P right", 3, 5), TW1 = text("trained P wrong", 6, 6), TW2 = text("trained P wrong again", 2, 8);
const T2 = text("trained Q right", 4, 5), T3 = text("trained Q right again €", 3, 5);
const S1 = text("solver R right", 2, 5);
const sum = (xs: string[], f: (x: string) => number) => xs.reduce((s, x) => s + f(x), 0);
const bytes = (x: string) => Buffer.byteLength(x);
const steps = (x: string) => x.split("\n\n").length;

let ds = "";
const pid: Record<string, string> = {};
let sampleNo = 0;

async function sample(problemId: string, model: string, attempts: [text: string, correct: boolean][]) {
  for (const [t, correct] of attempts) {
    const traceId = correct ? null : await upsertSampledTrace({ id: problemId, datasetId: ds }, model, t);
    await prisma.rollout.create({ data: { problemId, traceId, condition: "attempt", sample: sampleNo++, model, text: t, verdict: correct ? "equal" : "not_equal", correct } });
  }
}

async function imported(problemId: string, generator: string, t: string, correct: boolean | null) {
  await prisma.trace.create({ data: { datasetId: ds, problemId, text: t, generator, correct, stepCount: steps(t), contentHash: sha256(generator, t) } });
}

beforeAll(async () => {
  ds = (await prisma.dataset.create({ data: { name: "analysis-attempts" } })).id;
  for (const name of ["P", "Q", "R"]) {
    pid[name] = (await prisma.problem.create({ data: { datasetId: ds, statement: `What is 2+3? (${name})`, answer: "5", contentHash: sha256(name) } })).id;
  }
  await imported(pid.P, "base", BP1, true);
  await imported(pid.P, "base", BP2, false);
  await imported(pid.Q, "base", BQ, false);
  await imported(pid.R, "base", BR, null);
  await sample(pid.R, "base", [[W3, false], [R4, true]]);
  await sample(pid.P, "trained", [[T1, true], [TW1, false], [TW1, false], [TW2, false]]);
  await sample(pid.Q, "trained", [[T2, true], [T3, true]]);
  await sample(pid.R, "solver", [[S1, true]]);
  // rollouts of other conditions are not attempts
  await prisma.rollout.create({ data: { problemId: pid.Q, condition: "problem", sample: sampleNo++, model: "base", text: "x", verdict: "equal", correct: true } });
});

describe("analysis per model over attempts (traces not sampled + attempt rollouts)", () => {
  it("stored rows: trained has 2 sampled traces (its wrong texts), solver none", async () => {
    const t = await prisma.trace.groupBy({ by: ["generator", "origin"], where: { datasetId: ds }, _count: { _all: true }, orderBy: [{ generator: "asc" }, { origin: "asc" }] });
    expect(t.map((r) => [r.generator, r.origin, r._count._all])).toEqual([["base", "imported", 4], ["base", "sampled", 1], ["trained", "sampled", 2]]);
  });

  it("accuracy, attempts and traces per model, hand-computed; sampled traces not counted twice", async () => {
    const a = await computeAnalysis(ds);
    expect(a.traces).toBe(7);
    expect(a.models.map((m) => m.generator)).toEqual(["base", "trained", "solver"]);
    const m = Object.fromEntries(a.models.map((x) => [x.generator, x]));
    // base: P 2 graded (1 right), Q 1 (0), R 1 ungraded trace + 2 attempts (1 right)
    expect(m.base).toMatchObject({ traces: 5, attempts: 6, graded: 5, correct: 2, accuracy: 0.4, problems: 3 });
    // trained: P 4 attempts (1 right; TW1 twice is one trace but two attempts), Q 2 of 2
    expect(m.trained).toMatchObject({ traces: 2, attempts: 6, graded: 6, correct: 3, accuracy: 0.5, problems: 2 });
    expect(m.solver).toMatchObject({ traces: 0, attempts: 1, graded: 1, correct: 1, accuracy: 1, problems: 1 });
  });

  it("pass@k per model from per-problem (n, c), k > n leaving a problem out", async () => {
    const m = Object.fromEntries((await computeAnalysis(ds)).models.map((x) => [x.generator, x]));
    // base: P (2, 1), Q (1, 0), R (2, 1)
    expect(m.base.passAtK[0].k).toBe(1);
    expect(m.base.passAtK[0].value).toBeCloseTo((0.5 + 0 + 0.5) / 3, 12);
    expect(m.base.passAtK[1]).toEqual({ k: 2, value: 1, problems: 2 });
    expect(m.base.passAtK).toHaveLength(2);
    // trained: P (4, 1), Q (2, 2): k=1 (1/4 + 1) / 2; k=2 P 1 - C(3,2)/C(4,2) = 1/2, Q 1; k=4 P only, 1 - C(3,4)/C(4,4) = 1
    expect(m.trained.passAtK).toEqual([{ k: 1, value: 0.625, problems: 2 }, { k: 2, value: 0.75, problems: 2 }, { k: 4, value: 1, problems: 1 }]);
    expect(m.solver.passAtK).toEqual([{ k: 1, value: 1, problems: 1 }]);
  });

  it("mean steps and tokens over the same attempts (W3/TW1 rows counted per attempt)", async () => {
    const m = Object.fromEntries((await computeAnalysis(ds)).models.map((x) => [x.generator, x]));
    const base = [BP1, BP2, BQ, BR, W3, R4];
    const trained = [T1, TW1, TW1, TW2, T2, T3];
    expect(m.base.meanSteps).toBeCloseTo(sum(base, steps) / 6, 12);
    expect(m.base.meanTokens).toBe(Math.round(sum(base, bytes) / 6 / 4));
    expect(m.trained.meanSteps).toBeCloseTo(sum(trained, steps) / 6, 12);
    expect(m.trained.meanTokens).toBe(Math.round(sum(trained, bytes) / 6 / 4));
    expect(m.solver).toMatchObject({ meanSteps: 2, meanTokens: Math.round(bytes(S1) / 4) });
  });

  it("agrees with the comparison where the problems are the same (trained: P and Q, both attempted by base)", async () => {
    const a = await computeAnalysis(ds);
    const t = a.models.find((x) => x.generator === "trained")!;
    const c = await comparePair(ds, "base", "trained");
    expect(c.b).toMatchObject({ graded: t.graded, correct: t.correct, accuracy: t.accuracy, meanTokens: t.meanTokens, passAtK: t.passAtK });
    expect(a.ncGroups.filter((g) => g.generator === "trained").sort((x, y) => x.n - y.n)).toEqual([
      { generator: "trained", n: 2, c: 2, problems: 1 }, { generator: "trained", n: 4, c: 1, problems: 1 },
    ]);
  });

  it("reads traces from the covering index and attempts from the covering Rollout_attempt_idx (issue 15 §4)", async () => {
    const plan = (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${MODEL_GROUPS}`, ...modelGroupsParams(ds))).map((r) => r.detail);
    expect(plan).toContain("SEARCH t USING COVERING INDEX Trace_analysis_idx (datasetId=?)");
    expect(plan.some((d) => /SEARCH r USING COVERING INDEX Rollout_attempt_idx \(problemId=\? AND condition=\?/.test(d))).toBe(true);
    expect(plan.some((d) => /SEARCH t USING COVERING INDEX Trace_sampled_idx \(id=\? AND origin=\?/.test(d))).toBe(true); // subtracted sampled traces, index-only
    expect(plan.some((d) => /SCAN t\b/.test(d))).toBe(false);
    expect(plan.some((d) => /SEARCH t USING INDEX Trace_analysis_idx/.test(d))).toBe(false); // sampled traces by id
  });
});

describe("cached analysis and new attempts", () => {
  it("a new correct attempt (a rollout, no trace) refreshes the cached per-model numbers", async () => {
    const first = await getAnalysis(ds);
    expect(first.models.find((m) => m.generator === "solver")).toMatchObject({ graded: 1, problems: 1 });
    // the next read is served from the cache: mark the cached value, keep its fingerprint
    const key = `analysis:${ds}`;
    const row = await prisma.setting.findUniqueOrThrow({ where: { key } });
    const cached = JSON.parse(row.value);
    cached.data.models.find((m: { generator: string }) => m.generator === "solver").graded = 999;
    await prisma.setting.update({ where: { key }, data: { value: JSON.stringify(cached) } });
    expect((await getAnalysis(ds)).models.find((m) => m.generator === "solver")!.graded).toBe(999);
    const traces = await prisma.trace.count();
    await sample(pid.P, "solver", [[text("solver P right", 3, 5), true]]);
    expect(await prisma.trace.count()).toBe(traces);
    const after = (await getAnalysis(ds)).models.find((m) => m.generator === "solver")!;
    expect(after).toMatchObject({ traces: 0, attempts: 2, graded: 2, correct: 2, accuracy: 1, problems: 2 });
    expect(after.passAtK).toEqual([{ k: 1, value: 1, problems: 2 }]);
  });
});
