import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importBuffer } from "@/lib/import";
import { sharedData } from "@/test-support/shared-data";
import { computeAnalysis, getAnalysis } from "./analysis";
import { INTERVENTION_LENGTHS, LABEL_GROUPS, TEXT_BYTES } from "./analysis-sql";
import { MODEL_GROUPS, modelGroupsParams } from "./attempts-sql";
import { comparePair, getProblemSides, getTraceWithError, readDecision, setSameMistake } from "./compare";

// Real ProcessBench rows as "base" attempts, and "int" attempts on the same problems.
type Row = { id: string; generator: string; problem: string; steps: string[]; label: number; final_answer_correct: boolean };
const rows: Row[] = JSON.parse(readFileSync(sharedData("processbench", "gsm8k.json"), "utf8"));
const byId = (id: string) => rows.find((r) => r.id === id)!;
const r0 = byId("gsm8k-0"), r1 = byId("gsm8k-1"), r8 = byId("gsm8k-8"), r203 = byId("gsm8k-203");
const pb = (r: Row, generator: string, over: Partial<Row> = {}) => ({ ...r, generator, ...over });
const data = [
  pb(r0, "base"), pb(r1, "base"), pb(r8, "base"),
  pb(r0, "int", { id: "int-0", steps: [...r0.steps.slice(0, 1), "A different second step.", ...r0.steps.slice(2)], label: -1, final_answer_correct: true }),
  pb(r1, "int", { id: "int-1", steps: [...r1.steps.slice(0, 6), "Another ending."], label: 3, final_answer_correct: false }),
  pb(r203, "int", { id: "int-8" }),
];
let datasetId = "";
const traceOf = async (externalId: string) => (await prisma.trace.findFirstOrThrow({ where: { datasetId, externalId } }));

beforeAll(async () => {
  const res = await importBuffer(new TextEncoder().encode(JSON.stringify(data)), "two-models.json", { dataset: "two-models", format: "processbench" });
  if (!res.ok) throw new Error(JSON.stringify(res));
  datasetId = res.datasetId;
  const mk = async (ext: string, step: number | null) => prisma.firstErrorLabel.create({ data: { traceId: (await traceOf(ext)).id, step, source: "model", annotator: "m" } });
  await mk("gsm8k-0", 2);
  await mk("gsm8k-1", 1);
  await mk("int-8", 2);
  const t0 = await traceOf("gsm8k-0");
  const iv = await prisma.intervention.create({ data: { traceId: t0.id, location: 2, content: "x".repeat(400), origin: "human", contentHash: "h", verified: true } });
  const roll = (problemId: string, condition: string, correct: boolean, i: number) =>
    prisma.rollout.create({ data: { problemId, traceId: t0.id, interventionId: condition === "intervention" ? iv.id : null, condition, sample: i, model: "m", text: "t", verdict: correct ? "equal" : "not_equal", correct } });
  const p1 = (await traceOf("gsm8k-1")).problemId;
  for (let i = 0; i < 4; i++) await roll(t0.problemId, "intervention", i === 0, i);
  for (let i = 0; i < 4; i++) await roll(t0.problemId, "problem", false, i);
  for (let i = 0; i < 2; i++) await roll(p1, "intervention", false, i);
});

describe("analysis aggregates (in the database)", () => {
  it("per model accuracy, length and pass@k", async () => {
    const a = await computeAnalysis(datasetId);
    expect(a.traces).toBe(6);
    const m = Object.fromEntries(a.models.map((x) => [x.generator, x]));
    expect(m.base).toMatchObject({ traces: 3, graded: 3, correct: 0, accuracy: 0, problems: 3 });
    expect(m.int).toMatchObject({ traces: 3, graded: 3, correct: 2, problems: 3 });
    expect(m.int.accuracy).toBeCloseTo(2 / 3, 12);
    expect(m.int.passAtK).toEqual([{ k: 1, value: 2 / 3, problems: 3 }]);
    expect(m.base.meanSteps).toBeCloseTo((4 + 7 + 6) / 3, 12);
    const bytes = [r0, r1, r8].map((r) => Buffer.byteLength(r.steps.join("\n\n"))).reduce((s, x) => s + x, 0);
    expect(m.base.meanTokens).toBe(Math.round(bytes / 3 / 4));
  });

  it("first-error histograms by source (step index and relative position)", async () => {
    const a = await computeAnalysis(datasetId);
    const imp = a.firstErrors.find((h) => h.source === "imported")!;
    expect(imp).toMatchObject({ labels: 6, noError: 2 });
    expect(imp.byStep.slice(0, 5)).toEqual([0, 2, 1, 1, 0]); // steps 2, 2, 3, 4
    // 2/4 = .5 -> bin 4; 2/7 = .29 -> bin 2; 3/6 = .5 -> bin 4; 4/7 = .57 -> bin 5
    expect(imp.byRel).toEqual([0, 0, 1, 0, 2, 1, 0, 0, 0, 0]);
    const model = a.firstErrors.find((h) => h.source === "model")!;
    expect(model).toMatchObject({ labels: 3, noError: 0 });
    expect(model.byStep.slice(0, 3)).toEqual([1, 2, 0]);
  });

  it("agreement with ProcessBench's metric on the traces that have both labels", async () => {
    const { agreement } = await computeAnalysis(datasetId);
    // gsm8k-0: human 2 model 2 (same); gsm8k-1: human 2 model 1 (earlier); int-8: human none, model 2
    expect(agreement.buckets).toEqual({ earlier: 1, same: 1, later: 0, missed: 0, falseAlarm: 1, bothNone: 0 });
    expect(agreement.accErroneous).toBe(0.5);
    expect(agreement.accCorrect).toBe(0);
    expect(agreement.f1).toBe(0);
    expect(agreement.offsets).toEqual([{ offset: -1, count: 1 }, { offset: 0, count: 1 }]);
  });

  it("intervention lengths, rollout conditions (Table 1) and verified fraction", async () => {
    const a = await computeAnalysis(datasetId);
    expect(a.lengths.count).toBe(1);
    expect(a.lengths.meanIvTokens).toBe(100);
    expect(a.lengths.interventions[2]).toBe(1); // 100 tokens -> 64..127
    const iv = a.rollouts.find((r) => r.condition === "intervention")!;
    expect(iv).toEqual({ condition: "intervention", rollouts: 6, correct: 1, accuracy: 1 / 6, problems: 2, covered: 1, coverage: 0.5 });
    expect(a.rollouts.map((r) => r.condition)).toEqual(["problem", "intervention"]);
    expect(a.verified).toEqual({ verified: 1, rolledOut: 1, total: 1 });
  });

  it("caches until the dataset changes", async () => {
    const first = await getAnalysis(datasetId);
    const again = await getAnalysis(datasetId);
    expect(again.computedAt).toBe(first.computedAt);
    await prisma.firstErrorLabel.create({ data: { traceId: (await traceOf("int-1")).id, step: 4, source: "model", annotator: "m" } });
    const after = await getAnalysis(datasetId);
    expect(after.firstErrors.find((h) => h.source === "model")!.labels).toBe(4);
  });
});

describe("the trace scans read the covering index, not the rows behind the text (issue 5 §5)", () => {
  it("plans each statement on Trace_analysis_idx alone", async () => {
    for (const [sql, params] of [[MODEL_GROUPS, modelGroupsParams(datasetId)], [LABEL_GROUPS, [datasetId]], [INTERVENTION_LENGTHS, [datasetId]]] as const) {
      const plan = (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...params)).map((r) => r.detail);
      expect(plan).toContain("SEARCH t USING COVERING INDEX Trace_analysis_idx (datasetId=?)");
    }
  });

  it("TEXT_BYTES counts UTF-8 bytes, like octet_length", async () => {
    const text = "Let $x \\ge 0$: é, €, 𝑥.";
    const [r] = await prisma.$queryRawUnsafe<{ b: number; o: number }[]>(`SELECT ${TEXT_BYTES} AS b, octet_length(t."text") AS o FROM (SELECT ? AS "text") t`, text);
    expect([Number(r.b), Number(r.o)]).toEqual([Buffer.byteLength(text), Buffer.byteLength(text)]);
  });
});

describe("comparison of two models", () => {
  it("accuracy on the same problems and the flipped problems", async () => {
    const c = await comparePair(datasetId, "base", "int");
    expect(c.common).toBe(3);
    expect(c.a.accuracy).toBe(0);
    expect(c.b.accuracy).toBeCloseTo(2 / 3, 12);
    expect(c.flipCounts).toEqual({ fixed: 2, broken: 0 });
    expect(c.flips.map((f) => f.flip)).toEqual(["fixed", "fixed"]);
    const ps = new Set(c.flips.map((f) => f.problemId));
    expect(ps).toEqual(new Set([(await traceOf("gsm8k-0")).problemId, (await traceOf("gsm8k-8")).problemId]));
    expect(c.flips[0].snippet.length).toBeGreaterThan(10);
  });

  it("sides of a problem, the base first-error step, and the recorded same-mistake decision", async () => {
    const t8 = await traceOf("gsm8k-8");
    const other = await traceOf("int-8");
    const sides = (await getProblemSides(datasetId, t8.problemId, "base", "int"))!;
    expect(sides.a.map((t) => t.id)).toEqual([t8.id]);
    expect(sides.b.map((t) => t.id)).toEqual([other.id]);
    const base = (await getTraceWithError(t8.id))!;
    expect(base.errorStep).toBe(3);
    expect(base.errorSource).toBe("imported");
    const input = { problemId: t8.problemId, baseTraceId: t8.id, otherTraceId: other.id, step: 2, actor: "ana" };
    await setSameMistake({ ...input, state: "confirmed", expected: null });
    const p = await prisma.problem.findUniqueOrThrow({ where: { id: t8.problemId } });
    expect(readDecision(p.metadata, t8.id, other.id)).toMatchObject({ state: "confirmed", by: "ana", step: 2 });
    await expect(setSameMistake({ ...input, state: "cleared", expected: null, actor: "bo" })).rejects.toThrow(/confirmed by ana/);
    await setSameMistake({ ...input, state: "cleared", expected: "confirmed", actor: "bo" });
    const events = await prisma.auditEvent.findMany({ where: { traceId: other.id, action: "compare.same-mistake" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.actor, JSON.parse(e.after!).state])).toEqual([["ana", "confirmed"], ["bo", "cleared"]]);
  });
});

describe("cached pair comparison", () => {
  it("returns the same flips from the cache and recomputes after a change", async () => {
    const { getPairComparison } = await import("./compare");
    const first = await getPairComparison(datasetId, "base", "int");
    expect(first.flipCounts).toEqual({ fixed: 2, broken: 0 });
    const row = await prisma.setting.findFirst({ where: { key: { startsWith: `compare:${datasetId}:` } } });
    expect(row).not.toBeNull();
    await importBuffer(new TextEncoder().encode(JSON.stringify([{ ...r1, id: "int-1b", generator: "int", steps: ["Fresh start.", "Done."], label: -1, final_answer_correct: true }])), "more.json", { dataset: "two-models", format: "processbench" });
    expect((await getPairComparison(datasetId, "base", "int")).flipCounts).toEqual({ fixed: 3, broken: 0 });
  });
});
