import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { PENDING_REASON } from "@/lib/core/propose/outcome";
import { traceProposalState } from "./proposal-trace-state";

async function trace() {
  const ds = await prisma.dataset.create({ data: { name: `ts-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "P", answer: "7", contentHash: sha256(randomUUID()) } });
  const text = "a\n\nb\n\nc";
  const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256(randomUUID()) } });
  return { datasetId: ds.id, traceId: t.id };
}
const proposal = (traceId: string, sample: number, extra: Record<string, unknown> = {}) =>
  prisma.proposal.create({ data: { traceId, jobItemId: `item-${sample}`, sample, model: "m", templateHash: "h", turn1Raw: "t1", turn2Raw: "t2", parseOk: true, location: 2, content: "c", ...extra } });

describe("traceProposalState", () => {
  it("lists finished proposals and model labels; a pending half-done proposal is left out", async () => {
    const { traceId } = await trace();
    await proposal(traceId, 0);
    await proposal(traceId, 1, { parseOk: false, parseReason: PENDING_REASON, location: null, content: null });
    await prisma.firstErrorLabel.create({ data: { traceId, source: "model", annotator: "m", step: 2 } });
    const s = await traceProposalState(traceId);
    expect(s.proposals.map((p) => p.sample)).toEqual([0]);
    expect(s.modelLabels).toEqual([{ annotator: "m", step: 2 }]);
    expect(s.activeJobId).toBeNull();
  });

  it("names the propose job still working on the trace (queued, running or paused), not a finished one", async () => {
    const { datasetId, traceId } = await trace();
    const other = await trace();
    const job = await prisma.job.create({ data: { kind: "propose", status: "running", datasetId } });
    await prisma.jobItem.create({ data: { jobId: job.id, key: `${traceId}:0` } });
    expect((await traceProposalState(traceId)).activeJobId).toBe(job.id);
    expect((await traceProposalState(other.traceId)).activeJobId).toBeNull();
    await prisma.job.update({ where: { id: job.id }, data: { status: "paused" } });
    expect((await traceProposalState(traceId)).activeJobId).toBe(job.id);
    await prisma.job.update({ where: { id: job.id }, data: { status: "done" } });
    expect((await traceProposalState(traceId)).activeJobId).toBeNull();
  });

  it("names each proposal's run (its job), so the newest run can be summed up; batch rows keep their item id", async () => {
    const { datasetId, traceId } = await trace();
    const [j1, j2] = [await prisma.job.create({ data: { kind: "propose", status: "done", datasetId } }), await prisma.job.create({ data: { kind: "propose", status: "done", datasetId } })];
    const item = (jobId: string, sample: number) => prisma.jobItem.create({ data: { jobId, key: `${traceId}:${sample}:${jobId}` } });
    const [a0, b0, b1] = [await item(j1.id, 0), await item(j2.id, 0), await item(j2.id, 1)];
    await prisma.proposal.create({ data: { traceId, jobItemId: a0.id, sample: 0, model: "m", parseOk: true, location: 2, content: "c" } });
    await prisma.proposal.create({ data: { traceId, jobItemId: b0.id, sample: 0, model: "m", parseOk: true, location: 2, content: "c" } });
    await prisma.proposal.create({ data: { traceId, jobItemId: b1.id, sample: 1, model: "m", parseOk: false, parseReason: "answer_leak: x", location: 2, content: "7" } });
    await prisma.proposal.create({ data: { traceId, jobItemId: "batch:abc", sample: 0, model: "m", parseOk: true, location: 1, content: "d" } });
    const runs = (await traceProposalState(traceId)).proposals.map((p) => p.run).sort();
    expect(runs).toEqual(["batch:abc", j1.id, j2.id, j2.id].sort());
  });
});
