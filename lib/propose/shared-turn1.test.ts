import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { CANNED } from "@/e2e/stub-model/replies";
import { RetryableError, type ItemContext } from "@/lib/jobs/types";
import { runJobToCompletion } from "@/lib/jobs/run-to-completion";
import { writeModelSettings } from "@/lib/model/settings";
import { proposeHandler } from "./handler";
import { PENDING_REASON } from "./run-proposal";
import { resolveProposeParams, TURN1_MODE_SETTING } from "./params";
import { startProposeJob } from "./start";

// The reference's sampling structure (issue 12 §3): one turn 1 per attempt, one turn 2 with n=K.
let stub: StubModel;
let datasetId: string;
const traceIds: string[] = [];

beforeAll(async () => {
  stub = await startStubModel();
  await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
  const ds = await prisma.dataset.create({ data: { name: `shared-${randomUUID()}` } });
  datasetId = ds.id;
  for (let i = 0; i < 3; i++) {
    const p = await prisma.problem.create({
      data: {
        datasetId,
        statement: `Problem ${i}`,
        referenceSolution: "Ref.",
        answer: "4321",
        contentHash: sha256(`sp${i}`),
      },
    });
    const text = `a${i}\n\nb is wrong\n\nc`;
    const t = await prisma.trace.create({
      data: { datasetId, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) },
    });
    traceIds.push(t.id);
  }
});
afterAll(() => stub.close());

const fast = { pollMs: 50, controlMs: 50, backoff: { baseMs: 10, maxMs: 50 }, log: () => {} };

describe("shared turn 1 (the default)", () => {
  it("a live job makes 1 turn-1 request (n=1) and 1 turn-2 request (n=K) per trace; the K proposals share the turn-1 text", async () => {
    const before = stub.count();
    const r = await startProposeJob({ datasetId, actor: "t", k: 4, concurrency: 2 });
    if (!r.ok) throw new Error(r.error);
    expect(r.total).toBe(3); // one item per trace
    expect(await runJobToCompletion(r.jobId, fast)).toMatchObject({ status: "done", done: 3, failed: 0 });
    const reqs = stub.requests().slice(before);
    expect(stub.count() - before).toBe(6); // independent mode: 3 x 4 x 2 = 24
    const turn1 = reqs.filter((q) => q.messages.length === 1);
    const turn2 = reqs.filter((q) => q.messages.length === 3);
    expect(turn1).toHaveLength(3);
    expect(turn1.every((q) => q.body.n === undefined)).toBe(true);
    expect(turn2.map((q) => q.body.n)).toEqual([4, 4, 4]);
    // the answer reaches the self-check of the verifier prompt
    expect(turn2[0].messages[2].content).toContain('("4321")');
    const rows = await prisma.proposal.findMany({ where: { traceId: traceIds[0] }, orderBy: { sample: "asc" } });
    expect(rows.map((p) => p.sample)).toEqual([0, 1, 2, 3]);
    expect(new Set(rows.map((p) => p.turn1Raw)).size).toBe(1);
    expect(new Set(rows.map((p) => p.jobItemId)).size).toBe(1);
    expect(rows.every((p) => p.parseOk)).toBe(true);
    expect(JSON.parse(rows[0].sampling)).toMatchObject({
      turn1: "shared",
      endpoint: "model",
      usage: { turn2Samples: 4 },
    });
    expect(await prisma.firstErrorLabel.count({ where: { source: "model", traceId: { in: traceIds } } })).toBe(3);
    const job = await prisma.job.findUniqueOrThrow({ where: { id: r.jobId } });
    expect(JSON.parse(job.params)).toMatchObject({ turn1: "shared", endpoint: "model", k: 4 });
  });

  it("a failed turn 2 keeps the turn 1 for all K samples; the retry asks only turn 2, and a short answer is finished on the next try", async () => {
    const params = await resolveProposeParams({ k: 3, traceIds: [traceIds[1]] });
    const [item] = await proposeHandler.plan(params, datasetId);
    const ctx: ItemContext = { jobId: "jr", itemId: "jr:item", params, signal: new AbortController().signal };
    stub.setScript({
      queue: [
        { kind: "text", text: "shared sol" },
        { kind: "status", status: 500 },
      ],
    });
    await expect(proposeHandler.runItem(item.payload, ctx)).rejects.toBeInstanceOf(RetryableError);
    const pend = await prisma.proposal.findMany({ where: { jobItemId: "jr:item" } });
    expect(pend.map((p) => [p.sample, p.parseReason, p.turn1Raw])).toEqual([
      [0, PENDING_REASON, "shared sol"],
      [1, PENDING_REASON, "shared sol"],
      [2, PENDING_REASON, "shared sol"],
    ]);
    // a server that answers 2 of the 3 samples: both stored, the item retried for the third
    let before = stub.count();
    stub.setScript({
      respond: (q) =>
        q.body.n === 3
          ? {
              kind: "garbage",
              body: JSON.stringify({
                choices: [0, 1].map((i) => ({
                  index: i,
                  message: { role: "assistant", content: CANNED.valid(2) },
                  finish_reason: "stop",
                })),
              }),
            }
          : undefined,
    });
    await expect(proposeHandler.runItem(item.payload, ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(stub.count()).toBe(before + 1);
    expect(await prisma.proposal.count({ where: { jobItemId: "jr:item", parseReason: PENDING_REASON } })).toBe(1);
    before = stub.count();
    stub.setScript({});
    const r = await proposeHandler.runItem(item.payload, ctx);
    expect(r).toMatchObject({ stored: 1, requests: 1 });
    expect(stub.requests().slice(-1)[0].body.n).toBe(1);
    expect(stub.count()).toBe(before + 1);
    expect(
      (await prisma.proposal.findMany({ where: { jobItemId: "jr:item" } })).every(
        (p) => p.parseReason !== PENDING_REASON && p.turn1Raw === "shared sol",
      ),
    ).toBe(true);
    // done: running it again asks nothing
    expect(await proposeHandler.runItem(item.payload, ctx)).toMatchObject({ reused: true });
    expect(stub.count()).toBe(before + 1);
  });

  it('a "no critical error" sample is stored as the model\'s no-error label, beside interventions from its siblings', async () => {
    const params = await resolveProposeParams({ k: 2, traceIds: [traceIds[2]], model: "other-model" });
    const [item] = await proposeHandler.plan(params, datasetId);
    stub.setScript({
      queue: [
        { kind: "text", text: "sol" },
        { kind: "text", text: CANNED.noError },
        { kind: "text", text: CANNED.valid(2) },
      ],
    });
    const r = await proposeHandler.runItem(item.payload, {
      jobId: "jn",
      itemId: "jn:item",
      params,
      signal: new AbortController().signal,
    });
    expect(r).toMatchObject({ stored: 2, parsed: 2, noError: 1, failed: 0 });
    expect(
      await prisma.firstErrorLabel.findFirstOrThrow({ where: { traceId: traceIds[2], annotator: "other-model" } }),
    ).toMatchObject({ source: "model", step: null });
    expect(await prisma.proposal.findFirstOrThrow({ where: { jobItemId: "jn:item", sample: 0 } })).toMatchObject({
      parseOk: true,
      location: null,
      content: null,
      parseReason: null,
    });
  });

  it('a job on the "proposer" endpoint calls that server, and the job and each proposal record it', async () => {
    const other = await startStubModel();
    try {
      expect(await startProposeJob({ datasetId, actor: "t", endpoint: "proposer" })).toMatchObject({
        ok: false,
        error: expect.stringContaining("PROPOSER_MODEL_BASE_URL"),
      });
      await writeModelSettings({ baseUrl: other.url, name: "big-proposer" }, prisma, "proposer");
      const baseBefore = stub.count();
      const r = await startProposeJob({ datasetId, actor: "t", k: 2, endpoint: "proposer", traceIds: [traceIds[0]] });
      if (!r.ok) throw new Error(r.error);
      expect(await runJobToCompletion(r.jobId, fast)).toMatchObject({ status: "done", done: 1 });
      expect(stub.count()).toBe(baseBefore);
      expect(other.count()).toBe(2);
      expect(other.requests()[1].body).toMatchObject({ model: "big-proposer", n: 2 });
      expect(JSON.parse((await prisma.job.findUniqueOrThrow({ where: { id: r.jobId } })).params)).toMatchObject({
        endpoint: "proposer",
        model: "big-proposer",
      });
      const rows = await prisma.proposal.findMany({ where: { model: "big-proposer" } });
      expect(rows).toHaveLength(2);
      expect(rows.every((p) => JSON.parse(p.sampling).endpoint === "proposer")).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("the /settings choice keeps independent turn 1s", async () => {
    await prisma.setting.upsert({
      where: { key: TURN1_MODE_SETTING },
      create: { key: TURN1_MODE_SETTING, value: "independent" },
      update: { value: "independent" },
    });
    const params = await resolveProposeParams({ k: 2 });
    expect(params.turn1).toBe("independent");
    expect((await proposeHandler.plan(params, datasetId)).map((i) => i.key)).toHaveLength(6);
    await prisma.setting.delete({ where: { key: TURN1_MODE_SETTING } });
    expect((await resolveProposeParams({ k: 2 })).turn1).toBe("shared");
  });
});
