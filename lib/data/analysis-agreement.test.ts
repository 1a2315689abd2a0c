import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { computeAnalysis, getAnalysis } from "./analysis";
import { setFinalLabel } from "./final-label";
import { computeTeamAgreement, getTeamAgreement } from "./team-agreement";
import { getTraceWithError } from "./compare";

// Analysis with several people: the model panel uses the winning label, the team report pairs
// every rater. Own dataset; labels written directly (the writers are tested elsewhere).
let datasetId = "";
const tr: string[] = [];

beforeAll(async () => {
  const ds = await prisma.dataset.create({ data: { name: `agree-${randomUUID()}` } });
  datasetId = ds.id;
  for (let i = 0; i < 4; i++) {
    const p = await prisma.problem.create({ data: { datasetId, statement: `p${i}`, answer: "1", contentHash: sha256(randomUUID()) } });
    const t = await prisma.trace.create({ data: { datasetId, problemId: p.id, text: "a\n\nb\n\nc\n\nd", stepCount: 4, contentHash: sha256(randomUUID()) } });
    tr.push(t.id);
  }
  const L = (i: number, source: string, annotator: string, step: number | null) => ({ traceId: tr[i], source, annotator, step });
  await prisma.firstErrorLabel.createMany({
    data: [
      // t0: people disagree, adjudicated to 3; model 3
      L(0, "human", "ada", 2), L(0, "human", "bob", 3), L(0, "final", "", 3), L(0, "model", "m", 3),
      // t1: people disagree, not adjudicated; model 1, imported 1 (must not stand in for the people)
      L(1, "human", "ada", 1), L(1, "human", "bob", 2), L(1, "imported", "pb", 1), L(1, "model", "m", 1),
      // t2: nobody labelled; the imported label (no error) vs model 2
      L(2, "imported", "pb", null), L(2, "model", "m", 2),
      // t3: people agree on no error; model says no error
      L(3, "human", "ada", null), L(3, "human", "bob", null), L(3, "model", "m", null),
    ],
  });
});

describe("analysis agreement", () => {
  it("the model panel scores the model against each trace's winning label, skipping undecided traces", async () => {
    const { agreement: a } = await computeAnalysis(datasetId);
    // t0 (final 3, model 3): same; t2 (imported none, model 2): false alarm; t3: both none; t1 left out
    expect(a.buckets).toEqual({ earlier: 0, same: 1, later: 0, missed: 0, falseAlarm: 1, bothNone: 1 });
    expect(a.accErroneous).toBe(1);
    expect(a.accCorrect).toBe(0.5);
  });

  it("the team report: pairs, raters vs the final label, alpha over the people", async () => {
    const team = await computeTeamAgreement(datasetId);
    expect(team.raters.map((r) => [r.key, r.labels])).toEqual([["human:ada", 3], ["human:bob", 3], ["imported:pb", 1], ["model:m", 3]]);
    const ab = team.pairs.find((p) => p.rater.key === "human:ada" && p.reference.key === "human:bob")!.stats;
    expect([ab.n, ab.exact, ab.withinOne]).toEqual([3, 1, 3]);
    const mAda = team.pairs.find((p) => p.rater.key === "model:m" && p.reference.key === "human:ada")!.stats;
    expect([mAda.n, mAda.exact]).toEqual([3, 2]); // t2 is not read: nobody labelled it
    expect(team.finals).toBe(1);
    expect(team.vsFinal.find((p) => p.rater.key === "human:bob")!.stats.exact).toBe(1);
    // people units (2,3) (1,2) (null,null): n=6, o(off-diagonal)=4, n_c: 2:2 3:1 1:1 null:2 -> 1 - 5*4/(36-10)
    expect(team.alphaHumans.alpha).toBeCloseTo(1 - 20 / 26, 12);
  });

  it("the comparison's first-error step of a trace is its final label when there is one", async () => {
    expect(await getTraceWithError(tr[0])).toMatchObject({ errorStep: 3, errorSource: "final" });
  });

  it("an adjudication recomputes the cached analysis", async () => {
    const [before, teamBefore] = await Promise.all([getAnalysis(datasetId), getTeamAgreement(datasetId)]);
    expect(teamBefore.finals).toBe(1);
    expect(before.agreement.buckets.same).toBe(1);
    const r = await setFinalLabel({ traceId: tr[1], actor: "cara", step: 1, expectedVersion: null });
    expect(r.ok).toBe(true);
    const after = await getAnalysis(datasetId);
    expect((await getTeamAgreement(datasetId)).finals).toBe(2);
    expect(after.agreement.buckets.same).toBe(2);
  });
});
