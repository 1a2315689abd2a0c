import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { computeAnalysis } from "@/lib/data/analysis";
import { createIntervention, decideIntervention } from "@/lib/data/interventions";
import { firstErrorAgreement } from "@/lib/data/proposal-queries";

// The dataset page's "Human vs model first error" line and the Analysis page count the same
// traces with both labels (issue 14 §2): one definition (lib/data/analysis-sql.ts AGREEMENT_GROUPS).

describe("firstErrorAgreement == Analysis agreement", () => {
  it("counts traces with both labels: two models on one trace count once, an imported label counts, an accept records one", async () => {
    const ds = await prisma.dataset.create({ data: { name: `agree-${randomUUID()}` } });
    const trace = async () => {
      const text = `a\n\nb\n\nc ${randomUUID()}`;
      const p = await prisma.problem.create({
        data: { datasetId: ds.id, statement: "q", contentHash: sha256(randomUUID()) },
      });
      return prisma.trace.create({
        data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) },
      });
    };
    const label = (traceId: string, source: string, annotator: string, step: number | null) =>
      prisma.firstErrorLabel.create({ data: { traceId, source, annotator, step } });
    const [t1, t2, t3, t4, t5] = [await trace(), await trace(), await trace(), await trace(), await trace()];
    // t1: a person says 2; two models say 2 and 3 (the newest model label, 3, is compared)
    await label(t1.id, "human", "ann", 2);
    await label(t1.id, "model", "m1", 2);
    await new Promise((r) => setTimeout(r, 5));
    await label(t1.id, "model", "m2", 3);
    // t2: the data set's own (imported) label and a model that agrees
    await label(t2.id, "imported", "processbench", 1);
    await label(t2.id, "model", "m1", 1);
    // t5: imported "no error" and a model that says no error: agree
    await label(t5.id, "imported", "processbench", null);
    await label(t5.id, "model", "m1", null);
    // t3: model only: not counted
    await label(t3.id, "model", "m1", 2);
    // t4: a model says 2; the person accepts an intervention at step 2 -> their label, counted
    await label(t4.id, "model", "m1", 2);
    const c = await createIntervention({ traceId: t4.id, actor: "ann", location: 2, content: "fix" });
    if (!c.ok) throw new Error(c.reason);
    await decideIntervention({ id: c.value.id, actor: "ann", expectedVersion: 0, decision: "accept" });

    const page = await firstErrorAgreement({ datasetId: ds.id });
    const a = (await computeAnalysis(ds.id)).agreement;
    expect(page).toEqual({ compared: 4, agree: 3, rate: 3 / 4 });
    expect(a.erroneous + a.correct).toBe(page.compared);
    expect(a.erroneousCorrect + a.correctCorrect).toBe(page.agree);
  });
});
