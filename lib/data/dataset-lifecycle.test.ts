import { afterEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { setHumanLabel } from "./labels";
import { createIntervention } from "./interventions";
import { datasetFootprint, deleteDataset, renameDataset } from "./dataset-lifecycle";
import { createJob } from "@/lib/data/job-lifecycle";
import { JobRunner } from "@/lib/jobs/runner";
import { unregisterHandler } from "@/lib/jobs/registry";
import { delay, fakeHandler, waitFor } from "@/test-support/jobs";

async function makeDataset(traces = 3) {
  const ds = await prisma.dataset.create({ data: { name: `life-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "What is 2+3?", answer: "5", contentHash: sha256(randomUUID()) } });
  const ids: string[] = [];
  for (let i = 0; i < traces; i++) {
    const text = `step one ${i}\n\nstep two: 2+3=6`;
    ids.push((await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 2, contentHash: sha256(text) } })).id);
  }
  return { ds, ids };
}

afterEach(() => unregisterHandler("sample"));

describe("renameDataset", () => {
  it("renames, audits, and refuses a name in use or an empty one", async () => {
    const a = await makeDataset(1), b = await makeDataset(1);
    expect(await renameDataset(a.ds.id, "  ", "alice")).toMatchObject({ ok: false });
    expect(await renameDataset(a.ds.id, b.ds.name, "alice")).toEqual({ ok: false, error: `A dataset named “${b.ds.name}” exists already.` });
    const fresh = `renamed-${randomUUID()}`;
    expect(await renameDataset(a.ds.id, fresh, "alice")).toEqual({ ok: true });
    expect((await prisma.dataset.findUniqueOrThrow({ where: { id: a.ds.id } })).name).toBe(fresh);
    const ev = await prisma.auditEvent.findFirstOrThrow({ where: { entity: "Dataset", entityId: a.ds.id, action: "dataset.rename" } });
    expect([JSON.parse(ev.before!).name, JSON.parse(ev.after!).name, ev.actor]).toEqual([a.ds.name, fresh, "alice"]);
  });
});

describe("deleteDataset", () => {
  it("needs the exact name, deletes every row of the dataset and nothing else, and keeps the audit trail", async () => {
    const keep = await makeDataset(2);
    const { ds, ids } = await makeDataset(3);
    await setHumanLabel({ traceId: ids[0], actor: "alice", step: 2, checkFactual: true, checkNotRecovered: true, expectedVersion: null });
    const iv = await createIntervention({ traceId: ids[1], actor: "alice", content: "Check the sum again.", location: 2 });
    expect(iv.ok).toBe(true);
    const fp = await datasetFootprint(ds.id);
    expect(fp).toMatchObject({ problems: 1, traces: 3, labels: 1, interventions: 1 });

    expect(await deleteDataset(ds.id, `${ds.name} `, "alice")).toMatchObject({ ok: false });
    expect(await prisma.trace.count({ where: { datasetId: ds.id } })).toBe(3);

    const r = await deleteDataset(ds.id, ds.name, "alice");
    expect(r).toMatchObject({ ok: true, footprint: fp });
    expect(await prisma.dataset.findUnique({ where: { id: ds.id } })).toBeNull();
    expect(await prisma.trace.count({ where: { id: { in: ids } } })).toBe(0);
    expect(await prisma.firstErrorLabel.count({ where: { traceId: { in: ids } } })).toBe(0);
    expect(await prisma.intervention.count({ where: { traceId: { in: ids } } })).toBe(0);
    expect(await prisma.trace.count({ where: { datasetId: keep.ds.id } })).toBe(2);
    // the trail of the deleted rows stays, with one event for the deletion itself
    expect(await prisma.auditEvent.count({ where: { traceId: { in: ids } } })).toBeGreaterThanOrEqual(2);
    const ev = await prisma.auditEvent.findFirstOrThrow({ where: { action: "dataset.delete", entityId: ds.id } });
    expect(JSON.parse(ev.before!)).toMatchObject({ name: ds.name, traces: 3, labels: 1, interventions: 1 });
  });

  it("cancels a running job on the dataset first; the runner survives and runs the next job", async () => {
    const { ds } = await makeDataset(1);
    const other = await makeDataset(1);
    let started = 0;
    fakeHandler("sample", async (p, ctx) => {
      started++;
      await delay(p.slow ? 400 : 5, ctx.signal);
      return { i: p.i };
    });
    const runner = new JobRunner({ pollMs: 30, controlMs: 20, backoff: { baseMs: 20, maxMs: 100 }, log: () => {} }).start();
    try {
      const { jobId } = await createJob({ kind: "sample", params: { n: 50, concurrency: 4, slow: true }, datasetId: ds.id, createdBy: "t" });
      await waitFor(() => started > 0);
      const r = await deleteDataset(ds.id, ds.name, "alice");
      expect(r.ok).toBe(true);
      expect(await prisma.job.findUnique({ where: { id: jobId } })).toBeNull();
      const cancel = await prisma.auditEvent.findFirstOrThrow({ where: { entity: "Job", entityId: jobId, action: "job.cancel" } });
      expect(JSON.parse(cancel.after!)).toMatchObject({ status: "cancelled", reason: "dataset deleted" });
      const startedBefore = started;
      const next = await createJob({ kind: "sample", params: { n: 5, concurrency: 2 }, datasetId: other.ds.id, createdBy: "t" });
      await waitFor(async () => (await prisma.job.findUniqueOrThrow({ where: { id: next.jobId } })).status === "done", 10_000);
      expect(started - startedBefore).toBe(5); // nothing more of the deleted job ran
    } finally {
      await runner.stop();
    }
  });
});
