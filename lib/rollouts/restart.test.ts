import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { JobRunner } from "@/lib/jobs/runner";
import { waitFor } from "@/test-support/jobs";
import { closeSharedGradePool, sharedGradePool } from "@/lib/grade/shared-pool";
import { writeModelSettings } from "@/lib/model/settings";
import { startRolloutsJob } from "./start";
import { cyclingResponder, seedRolloutData } from "@/test-support/rollouts";

// A rollouts job whose process "dies" mid-run (runner abandoned: leases not refreshed) is finished
// by a new runner with exactly K rows per intervention and the keep filter over all of them.
let stub: StubModel;
beforeAll(async () => {
  stub = await startStubModel({ latencyMs: 20 });
  await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
  await sharedGradePool().ready(); // workers load the compute engine once
}, 120_000);
afterAll(async () => {
  await stub.close();
  await closeSharedGradePool();
});

const fast = { pollMs: 50, controlMs: 50, backoff: { baseMs: 10, maxMs: 50 }, log: () => {}, leaseMs: 400 };

describe("rollouts job restart", () => {
  it("finishes after a crash without duplicate rollouts", { timeout: 120_000 }, async () => {
    const contents = Array.from({ length: 12 }, (_, i) => `GOOD: intervention ${i}`);
    const s = await seedRolloutData(contents);
    stub.setScript({ latencyMs: 20, respond: cyclingResponder("GOOD", 40) });
    const r = await startRolloutsJob({ datasetId: s.datasetId, k: 8, perItem: 2, actor: "t", concurrency: 3 });
    if (!r.ok) throw new Error(r.error);
    const done = () => prisma.jobItem.count({ where: { jobId: r.jobId, status: "done" } });
    const r1 = new JobRunner(fast).start();
    await waitFor(async () => (await done()) >= 3, 60_000);
    r1.abandon();
    expect(await prisma.jobItem.count({ where: { jobId: r.jobId, status: "running" } })).toBeGreaterThan(0);

    const r2 = new JobRunner(fast).start();
    await waitFor(
      async () => (await prisma.job.findUniqueOrThrow({ where: { id: r.jobId } })).status === "done",
      60_000,
    );
    await r2.stop();
    expect(await prisma.jobItem.count({ where: { jobId: r.jobId, status: "done" } })).toBe(12);
    const per = await prisma.rollout.groupBy({
      by: ["interventionId"],
      where: { problemId: s.problemId },
      _count: { _all: true },
    });
    expect(per).toHaveLength(12);
    expect(per.every((g) => g._count._all === 8)).toBe(true);
    const ivs = await prisma.intervention.findMany({ where: { id: { in: s.interventionIds } } });
    for (const iv of ivs) {
      const correct = await prisma.rollout.count({ where: { interventionId: iv.id, correct: true } });
      expect([iv.rolloutsTotal, iv.rolloutsCorrect, iv.verified]).toEqual([8, correct, correct >= 1]);
    }
  });
});
