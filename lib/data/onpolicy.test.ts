import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { binEdges, binOf, quantile } from "@/lib/core/onpolicy/outliers";
import { onpolicyStats } from "./onpolicy";
import { traceScores } from "./onpolicy-trace";

// The dataset statistics computed in SQL against the same numbers computed in JS over all rows.

async function dataset(name: string, scores: { nll: number | null; model?: string; status?: string }[]) {
  const ds = await prisma.dataset.create({ data: { name } });
  const ids: string[] = [];
  for (const [k, s] of scores.entries()) {
    const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: `${name} ${k}`, contentHash: sha256(name, String(k)) } });
    const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "a\n\nb", stepCount: 2, contentHash: sha256(name, String(k)) } });
    const iv = await prisma.intervention.create({
      data: {
        traceId: t.id, location: 2, content: `iv ${k}`, origin: "model", contentHash: sha256(String(k)), status: s.status ?? "proposed",
        nllMean: s.nll, nllTokens: s.nll === null ? null : 10, nllModel: s.nll === null ? null : (s.model ?? "base"), nllAt: s.nll === null ? null : new Date(),
      },
    });
    ids.push(iv.id);
  }
  return { id: ds.id, ids };
}

describe("on-policyness statistics in SQL", () => {
  it("quartiles, bins, outliers and the top list equal the JS reference; rejected, other models and other datasets are left out", async () => {
    let x = 7;
    const rand = () => ((x = (x * 48271) % 2147483647) / 2147483647);
    const values = Array.from({ length: 57 }, () => 0.2 + rand() * 0.4).concat([2.5, 3.1]);
    const a = await dataset("a", [...values.map((nll) => ({ nll })), { nll: 9, status: "rejected" }, { nll: 5, model: "other" }, { nll: null }]);
    await dataset("b", [{ nll: 7 }, { nll: 0.01 }]);
    const s = await onpolicyStats(a.id, { bins: 10 });
    const sorted = [...values].sort((p, q) => p - q);
    expect(s).toMatchObject({ model: "base", models: ["base", "other"], live: 61, scored: 59 });
    const q1 = quantile(sorted, 0.25), q3 = quantile(sorted, 0.75);
    expect(s.summary?.q1).toBeCloseTo(q1, 12);
    expect(s.summary?.median).toBeCloseTo(quantile(sorted, 0.5), 12);
    expect(s.summary?.q3).toBeCloseTo(q3, 12);
    expect(s.summary).toMatchObject({ n: 59, min: sorted[0], max: sorted[58] });
    const fence = q3 + 1.5 * (q3 - q1);
    expect(s.outliers).toBe(values.filter((v) => v > fence).length);
    expect(s.top.map((t) => t.nllMean)).toEqual([3.1, 2.5]);
    const e = binEdges(sorted[0], sorted[58], 10);
    const expected = Array.from({ length: 10 }, (_, k) => sorted.filter((v) => binOf(v, e) === k).length);
    expect(s.bins.map((b) => b.count)).toEqual(expected);

    // another model's distribution when preferred
    expect(await onpolicyStats(a.id, { prefer: "other" })).toMatchObject({ model: "other", scored: 1, outliers: 0 });
    // the review screen's per-trace read: the 3.1 one is flagged against the same fence
    const iv = await prisma.intervention.findFirstOrThrow({ where: { nllMean: 3.1 } });
    const [score] = (await traceScores(iv.traceId)) ?? [];
    expect(score).toMatchObject({ id: iv.id, nllMean: 3.1, nllTokens: 10, outlier: true });
    expect(score.fence).toBeCloseTo(fence, 12);
    const calm = await prisma.intervention.findFirstOrThrow({ where: { nllMean: values[0] } });
    expect((await traceScores(calm.traceId))?.[0]).toMatchObject({ outlier: false });
  });

  it("nothing scored: an empty distribution, the live count still given", async () => {
    const d = await dataset("c", [{ nll: null }, { nll: null, status: "rejected" }]);
    expect(await onpolicyStats(d.id)).toMatchObject({ model: null, models: [], live: 1, scored: 0, summary: null, bins: [], outliers: 0 });
  });
});
