import { describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { firstErrorAgreement } from "@/lib/propose/queries";

// The trace list's agreement figure (issue 15 §4 rewrote it as one SQL statement driven by the
// human labels): every model label of a trace with a human label is compared with the trace's
// latest human label; "no error" (null) agrees with "no error"; other datasets do not count.

async function trace(datasetId: string, i: number) {
  const p = await prisma.problem.create({ data: { datasetId, statement: `P ${i}`, contentHash: `${datasetId}-${i}` } });
  return (await prisma.trace.create({ data: { datasetId, problemId: p.id, text: `t ${i}`, stepCount: 3, contentHash: `c${i}` } })).id;
}
const label = (traceId: string, source: string, annotator: string, step: number | null, at: string) =>
  prisma.firstErrorLabel.create({ data: { traceId, source, annotator, step, updatedAt: new Date(at) } });

describe("firstErrorAgreement", () => {
  test("model labels vs the latest human label, per dataset and per trace", async () => {
    const ds = await prisma.dataset.create({ data: { name: `agree-${randomUUID()}` } });
    const other = await prisma.dataset.create({ data: { name: `agree-other-${randomUUID()}` } });
    const [a, b, c, d] = [await trace(ds.id, 1), await trace(ds.id, 2), await trace(ds.id, 3), await trace(other.id, 4)];
    await label(a, "human", "ann", 2, "2026-01-01T00:00:00Z");
    await label(a, "human", "bob", 3, "2026-01-02T00:00:00Z"); // latest human: 3
    await label(a, "model", "m1", 3, "2026-01-01T00:00:00Z"); // agrees
    await label(a, "model", "m2", 2, "2026-01-01T00:00:00Z"); // disagrees with the latest
    await label(b, "human", "ann", null, "2026-01-01T00:00:00Z");
    await label(b, "model", "m1", null, "2026-01-01T00:00:00Z"); // no error = no error
    await label(c, "model", "m1", 1, "2026-01-01T00:00:00Z"); // no human label: not compared
    await label(c, "imported", "pb", 1, "2026-01-01T00:00:00Z");
    await label(d, "human", "ann", 1, "2026-01-01T00:00:00Z");
    await label(d, "model", "m1", 2, "2026-01-01T00:00:00Z"); // other dataset
    expect(await firstErrorAgreement({ datasetId: ds.id })).toEqual({ compared: 3, agree: 2, rate: 2 / 3 });
    expect(await firstErrorAgreement({ traceId: a })).toEqual({ compared: 2, agree: 1, rate: 0.5 });
    expect(await firstErrorAgreement({ datasetId: other.id })).toEqual({ compared: 1, agree: 0, rate: 0 });
    expect(await firstErrorAgreement({ traceId: c })).toEqual({ compared: 0, agree: 0, rate: null });
  });
});
