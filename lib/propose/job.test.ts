import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { runJobToCompletion } from "@/lib/jobs/run-to-completion";
import { writeModelSettings } from "@/lib/model/settings";
import { startProposeJob } from "./start";

// The propose stage through the real job runner (lib/jobs) against the stub server.
let stub: StubModel;
let datasetId: string;
beforeAll(async () => {
  stub = await startStubModel();
  const ds = await prisma.dataset.create({ data: { name: `job-${randomUUID()}` } });
  datasetId = ds.id;
  for (let i = 0; i < 5; i++) {
    const p = await prisma.problem.create({
      data: { datasetId, statement: `P${i}`, referenceSolution: "Ref.", answer: "77", contentHash: sha256(`p${i}`) },
    });
    const text = `x${i}\n\ny\n\nz`;
    await prisma.trace.create({ data: { datasetId, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) } });
  }
});
afterAll(() => stub.close());

const fast = { pollMs: 50, controlMs: 50, backoff: { baseMs: 10, maxMs: 50 }, log: () => {} };

describe("propose job", () => {
  it("refuses to start without a model, with the one-line hint", async () => {
    const r = await startProposeJob({ datasetId, actor: "t" });
    expect(r).toMatchObject({ ok: false });
    expect(r.ok ? "" : r.error).toContain("vllm serve");
  });

  it("runs to completion through transient failures with no duplicates; a second run skips done traces", async () => {
    await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
    stub.setScript({
      queue: [{ kind: "status", status: 500 }, { kind: "drop" }, { kind: "text", text: "slow", delayMs: 300 }],
    });
    const r = await startProposeJob({ datasetId, actor: "t", k: 2, concurrency: 4 });
    if (!r.ok) throw new Error(r.error);
    expect(r.total).toBe(5); // one item per trace: a shared turn 1, then turn 2 with n=2
    const final = await runJobToCompletion(r.jobId, fast);
    expect(final).toMatchObject({ status: "done", done: 5, failed: 0 });
    expect(await prisma.proposal.count()).toBe(10);
    expect(await prisma.proposal.count({ where: { parseOk: true } })).toBe(10);
    expect(await prisma.firstErrorLabel.count({ where: { source: "model" } })).toBe(5);
    expect(await prisma.intervention.count({ where: { origin: "model", status: "proposed" } })).toBe(5);
    const again = await startProposeJob({ datasetId, actor: "t", k: 2, skipDone: true });
    expect(again).toMatchObject({ ok: true, total: 0 });
  });
});
