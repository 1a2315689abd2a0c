import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { runJobToCompletion } from "@/lib/jobs/run-to-completion";
import type { ItemContext } from "@/lib/jobs/types";
import { closeSharedGradePool, sharedGradePool } from "@/lib/grade/shared-pool";
import { writeModelSettings } from "@/lib/model/settings";
import { editIntervention } from "@/lib/data/interventions";
import { rolloutsHandler } from "./handler";
import { resolveRolloutParams } from "./params";
import { GRADER_VERSION } from "@/lib/core/grade/version";
import { startRolloutsJob } from "./start";
import { cyclingResponder, seedRolloutData, RIGHT, WRONG } from "@/test-support/rollouts";

let stub: StubModel;
beforeAll(async () => {
  stub = await startStubModel();
  await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
  await sharedGradePool().ready(); // workers load the compute engine once
}, 120_000);
afterAll(async () => {
  await stub.close();
  await closeSharedGradePool();
});

const fast = { pollMs: 50, controlMs: 50, backoff: { baseMs: 10, maxMs: 50 }, log: () => {} };

describe("rollouts job against the stub", () => {
  it("runs K continuations per condition, grades them and applies the keep filter", async () => {
    const s = await seedRolloutData(["GOOD: recompute the sum, 2+3 is five.", "BAD: keep going as before."]);
    stub.setScript({ respond: cyclingResponder("GOOD") });
    const r = await startRolloutsJob({
      interventionIds: s.interventionIds,
      k: 10,
      conditions: ["intervention", "prefix", "original", "problem"],
      actor: "t",
      concurrency: 3,
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.total).toBe(8);
    const final = await runJobToCompletion(r.jobId, fast);
    expect(final).toMatchObject({ status: "done", done: 8, failed: 0 });
    expect(await prisma.rollout.count({ where: { problemId: s.problemId } })).toBe(80);

    const good = await prisma.rollout.findMany({
      where: { interventionId: s.interventionIds[0], condition: "intervention" },
      orderBy: { sample: "asc" },
    });
    expect(good.map((g) => g.sample)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const verdicts = good.map((g) => g.verdict).sort();
    expect(good.filter((g) => g.correct)).toHaveLength(4); // right + slow right, twice
    expect(verdicts.filter((v) => v === "not_equal")).toHaveLength(2);
    expect(verdicts.filter((v) => v === "no_answer" || v === "unparseable")).toHaveLength(4);
    expect(good.find((g) => g.correct)).toMatchObject({ text: RIGHT, extracted: "5", model: "stub-model" });
    expect(JSON.parse(good[0].sampling)).toMatchObject({
      temperature: 0.7,
      top_p: 0.8,
      top_k: 20,
      continue_final_message: true,
      add_generation_prompt: false,
    });

    const [ivGood, ivBad] = await Promise.all(
      s.interventionIds.map((id) => prisma.intervention.findUniqueOrThrow({ where: { id } })),
    );
    expect(ivGood).toMatchObject({ verified: true, rolloutsCorrect: 4, rolloutsTotal: 10, version: 0 });
    expect(ivBad).toMatchObject({ verified: false, rolloutsCorrect: 0, rolloutsTotal: 10 });

    // the requests carry the vLLM switches and the byte-exact start of each condition
    const reqs = stub.requests();
    const cont = reqs.filter((q) => q.body.continue_final_message === true);
    expect(cont.every((q) => q.body.add_generation_prompt === false && q.messages.length === 2)).toBe(true);
    const starts = new Set(cont.map((q) => q.messages[1].content));
    expect(starts).toEqual(
      new Set([
        "Let us add the numbers.\n\nGOOD: recompute the sum, 2+3 is five.",
        "Let us add the numbers.\n\nBAD: keep going as before.",
        "Let us add the numbers.\n\n",
        "Let us add the numbers.\n\nWe get 2+3=6.",
      ]),
    );
    const fresh = reqs.filter((q) => q.body.add_generation_prompt === true);
    expect(fresh.every((q) => q.messages.length === 1 && q.messages[0].role === "user")).toBe(true);
  });

  it("keep filter with M = 2 and a dataset run plans one 'problem' item per problem", async () => {
    const s = await seedRolloutData(["GOOD: one", "GOOD: two"], { status: "edited" });
    let n = 0;
    stub.setScript({
      respond: (q) =>
        q.body.continue_final_message
          ? { kind: "text", text: q.messages[1].content.includes("one") || n++ > 0 ? WRONG : RIGHT }
          : { kind: "text", text: WRONG },
    });
    const r = await startRolloutsJob({
      datasetId: s.datasetId,
      k: 4,
      minCorrect: 2,
      conditions: ["intervention", "problem"],
      actor: "t",
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.total).toBe(3);
    // the job records where its rollouts ran (provenance.json reports it)
    expect(JSON.parse((await prisma.job.findUniqueOrThrow({ where: { id: r.jobId } })).params)).toMatchObject({
      endpoint: "model",
      baseUrl: stub.url,
      model: "stub-model",
      grader: GRADER_VERSION,
    });
    await runJobToCompletion(r.jobId, fast);
    const ivs = await prisma.intervention.findMany({
      where: { id: { in: s.interventionIds } },
      orderBy: { content: "asc" },
    });
    expect(ivs.map((i) => [i.rolloutsCorrect, i.verified])).toEqual([
      [0, false],
      [1, false],
    ]);
    expect(
      await prisma.rollout.count({ where: { problemId: s.problemId, condition: "problem", interventionId: null } }),
    ).toBe(4);
  });

  it("an item interrupted part-way stores what it had and the re-run asks only for the missing samples", async () => {
    const s = await seedRolloutData(["GOOD: resume me"]);
    const params = await resolveRolloutParams({ interventionIds: s.interventionIds, k: 6, perItem: 1 });
    const ctx: ItemContext = { jobId: "j-resume", itemId: "item-resume", params, signal: new AbortController().signal };
    const payload = { condition: "intervention", interventionId: s.interventionIds[0] };
    stub.setScript({
      queue: [
        { kind: "text", text: RIGHT },
        { kind: "text", text: WRONG },
        { kind: "status", status: 400 },
      ],
      fallback: { kind: "text", text: WRONG },
    });
    await expect(rolloutsHandler.runItem(payload, ctx)).rejects.toThrow(/HTTP 400/);
    expect(await prisma.rollout.count({ where: { jobItemId: "item-resume" } })).toBe(2);
    const before = stub.count();
    const res = await rolloutsHandler.runItem(payload, ctx);
    expect(res).toMatchObject({ samples: 6, correct: 1, reused: 2, verified: true });
    expect(stub.count() - before).toBe(4);
    expect(await prisma.rollout.count({ where: { jobItemId: "item-resume" } })).toBe(6);
  });

  it("an intervention edited while its samples run: the samples of the old text are discarded, not kept as proof", async () => {
    const s = await seedRolloutData(["GOOD: edit me mid-flight"]);
    const id = s.interventionIds[0];
    const params = await resolveRolloutParams({ interventionIds: [id], k: 4, perItem: 1 });
    const ctx: ItemContext = { jobId: "j-edit", itemId: "item-edit", params, signal: new AbortController().signal };
    let edit: Promise<unknown> | null = null;
    stub.setScript({
      respond: () => {
        // a person edits the intervention while the first sample is being answered
        edit ??= editIntervention({ id, expectedVersion: 0, actor: "alice", content: "GOOD: the edited text." });
        return { kind: "text", text: RIGHT };
      },
    });
    const res = await rolloutsHandler.runItem({ condition: "intervention", interventionId: id }, ctx);
    await edit;
    expect(res).toMatchObject({ skipped: expect.stringContaining("edited while rolling out") });
    expect(await prisma.rollout.count({ where: { jobItemId: "item-edit" } })).toBe(0);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id } })).toMatchObject({
      content: "GOOD: the edited text.",
      verified: null,
      rolloutsTotal: 0,
    });
  });
  // last: the stub's request log is shared with the tests above
  it("items hand their slots on, but calls in flight never pass concurrency x lanes", async () => {
    const s = await seedRolloutData(Array.from({ length: 6 }, (_, i) => `GOOD ${i}: recompute, 2+3 is five.`));
    const inFlight = async (k: number, perItem: number, concurrency: number) => {
      let now = 0;
      let max = 0;
      stub.setScript({
        respond: () => {
          max = Math.max(max, ++now);
          setTimeout(() => now--, 40); // the reply's delay: the call is in flight until then
          return { kind: "text", text: RIGHT, delayMs: 40 };
        },
      });
      const r = await startRolloutsJob({
        interventionIds: s.interventionIds,
        k,
        perItem,
        conditions: ["intervention"],
        actor: "t",
        concurrency,
      });
      if (!r.ok) throw new Error(r.error);
      expect(await runJobToCompletion(r.jobId, fast)).toMatchObject({ status: "done", done: 6, failed: 0 });
      return max;
    };
    expect(await inFlight(8, 2, 2)).toBeLessThanOrEqual(4); // 2 items x 2 lanes
    expect(await inFlight(2, 4, 2)).toBeLessThanOrEqual(4); // 2 items x 2 samples (fewer than perItem)
  });
});
