import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { fakeLogprob } from "@/e2e/stub-model/completions";
import { OFF_POLICY, onpolicyRows } from "@/e2e/onpolicy-fixtures";
import { importBuffer } from "@/lib/import";
import { guidedParts } from "@/lib/core/guided";
import { tokenizeSft } from "@/lib/core/export/trl-tokenized";
import { UNSUPPORTED_MESSAGE } from "@/lib/core/onpolicy/nll";
import { runJobToCompletion } from "@/lib/jobs/run-to-completion";
import { writeModelSettings } from "@/lib/model/settings";
import { renderPrompt } from "@/lib/tokens/chat";
import { sftEncoder } from "@/lib/tokens/sft-encoder";
import { editIntervention } from "@/lib/data/interventions";
import { undoLast } from "@/lib/data/audit";
import { onpolicyStats } from "@/lib/data/onpolicy";
import { startOnpolicyJob } from "./start";
import { onpolicyHandler } from "./handler";

// The "onpolicy" job against the stub server on 127.0.0.1, on real ProcessBench attempts
// imported as `int` rows. Expected NLLs are computed here from our own tokenization and the
// stub's published fake log-probabilities.

let stub: StubModel;
beforeAll(async () => {
  stub = await startStubModel();
  await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
}, 60_000);
afterAll(() => stub.close());

const fast = { pollMs: 50, controlMs: 50, backoff: { baseMs: 10, maxMs: 50 }, log: () => {} };
let seq = 0;

async function seed(count: number) {
  const name = `onpolicy-${++seq}-${Date.now()}`;
  const r = await importBuffer(new TextEncoder().encode(onpolicyRows(count, name).join("\n") + "\n"), "rows.jsonl", {
    dataset: name,
    format: "int",
    actor: "t",
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const ds = await prisma.dataset.findUniqueOrThrow({ where: { name } });
  const ivs = await prisma.intervention.findMany({
    where: { trace: { datasetId: ds.id } },
    include: { trace: { include: { problem: true } } },
    orderBy: { id: "asc" },
  });
  return { datasetId: ds.id, ivs };
}

async function expectedNll(iv: Awaited<ReturnType<typeof seed>>["ivs"][number]) {
  const enc = await sftEncoder();
  const parts = guidedParts(iv.trace.text, iv.location, iv.content);
  const t = tokenizeSft(enc.prompt(iv.trace.problem.statement), parts.prefix, parts.intervention, enc.codec);
  if (!t.ok) throw new Error(t.reason);
  const span = t.value.ids.slice(t.value.promptTokens + t.value.prefixTokens);
  expect(enc.codec.decode(span)).toBe(parts.intervention);
  return {
    ids: t.value.ids,
    text: renderPrompt("qwen3-instruct-2507", "", iv.trace.problem.statement) + parts.text,
    nll: -span.reduce((s, id) => s + fakeLogprob(id), 0) / span.length,
    n: span.length,
  };
}

describe("onpolicy job against the stub", () => {
  it("scores every non-rejected intervention from the SFT row's tokens; the outlier stands out", async () => {
    const s = await seed(8);
    await prisma.intervention.update({ where: { id: s.ivs[0].id }, data: { status: "rejected" } });
    const before = await prisma.intervention.findMany({
      where: { id: { in: s.ivs.map((i) => i.id) } },
      orderBy: { id: "asc" },
    });
    const r = await startOnpolicyJob({ datasetId: s.datasetId, actor: "t", concurrency: 3 });
    if (!r.ok) throw new Error(r.error);
    expect(r.total).toBe(7);
    const final = await runJobToCompletion(r.jobId, fast);
    expect(final).toMatchObject({ status: "done", done: 7, failed: 0 });

    const after = await prisma.intervention.findMany({
      where: { id: { in: s.ivs.map((i) => i.id) } },
      orderBy: { id: "asc" },
    });
    const reqs = stub.requests().filter((q) => q.path === "/v1/completions");
    for (const [k, iv] of s.ivs.entries()) {
      const a = after[k];
      // a measurement: status, content, version and updatedAt stay as they were
      expect([a.status, a.content, a.version, a.updatedAt.getTime()]).toEqual([
        before[k].status,
        before[k].content,
        before[k].version,
        before[k].updatedAt.getTime(),
      ]);
      if (k === 0) {
        expect(a.nllMean).toBeNull();
        continue;
      }
      const e = await expectedNll(iv);
      expect(a.nllMean).toBeCloseTo(e.nll, 10);
      expect([a.nllTokens, a.nllModel, a.nllAt instanceof Date]).toEqual([e.n, "stub-model", true]);
      // the request: the SFT row's token ids (chat-templated problem + prefix + intervention)
      const q = reqs.find((x) => JSON.stringify(x.body.prompt) === JSON.stringify(e.ids));
      expect(q?.body).toMatchObject({ model: "stub-model", max_tokens: 1, prompt_logprobs: 1 });
      expect((await sftEncoder()).codec.decode(e.ids)).toBe(e.text);
    }
    const stats = await onpolicyStats(s.datasetId);
    expect(stats).toMatchObject({ model: "stub-model", live: 7, scored: 7, outliers: 1 });
    expect(stats.top.map((t) => t.preview)).toEqual([OFF_POLICY]);
    expect(stats.bins.reduce((n, b) => n + b.count, 0)).toBe(7);
    const sorted = after
      .slice(1)
      .map((a) => a.nllMean as number)
      .sort((x, y) => x - y);
    expect(stats.summary?.median).toBeCloseTo(sorted[3], 12);

    // idempotent: nothing left to score for this model; "all" scores again, to the same values
    const again = await startOnpolicyJob({ datasetId: s.datasetId, actor: "t" });
    expect(again).toMatchObject({ ok: true, total: 0 });
    const all = await startOnpolicyJob({ datasetId: s.datasetId, actor: "t", scope: "all" });
    if (!all.ok) throw new Error(all.error);
    const asked = stub.count();
    expect(await runJobToCompletion(all.jobId, fast)).toMatchObject({ status: "done", done: 7 });
    expect(stub.count() - asked).toBe(7);
    const rescored = await prisma.intervention.findMany({
      where: { id: { in: s.ivs.map((i) => i.id) } },
      orderBy: { id: "asc" },
    });
    expect(rescored.map((x) => x.nllMean)).toEqual(after.map((x) => x.nllMean));
    expect(rescored[1].nllAt!.getTime()).toBeGreaterThan(after[1].nllAt!.getTime() - 1);
    // an item of that job run again (a crash, a retry) finds its own score and asks nothing
    const job = await prisma.job.findUniqueOrThrow({ where: { id: all.jobId } });
    const ctx = { jobId: all.jobId, itemId: "x", params: JSON.parse(job.params), signal: new AbortController().signal };
    const again2 = stub.count();
    expect(await onpolicyHandler.runItem({ interventionId: s.ivs[1].id }, ctx)).toMatchObject({
      skipped: "already scored",
    });
    expect(stub.count()).toBe(again2);
  }, 120_000);

  it("an edit clears the score, and so does undoing it", async () => {
    const s = await seed(2);
    const r = await startOnpolicyJob({ datasetId: s.datasetId, actor: "t" });
    if (!r.ok) throw new Error(r.error);
    await runJobToCompletion(r.jobId, fast);
    const iv = await prisma.intervention.findUniqueOrThrow({ where: { id: s.ivs[0].id } });
    expect(iv.nllMean).not.toBeNull();
    const ed = await editIntervention({
      id: iv.id,
      actor: "t",
      expectedVersion: iv.version,
      content: `${iv.content} Then go on.`,
    });
    expect(ed.ok).toBe(true);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: iv.id } })).toMatchObject({
      nllMean: null,
      nllTokens: null,
      nllModel: null,
      nllAt: null,
    });
    // score the edited text, then undo the edit: the restored text was not what was scored
    const r2 = await startOnpolicyJob({ datasetId: s.datasetId, actor: "t" });
    if (!r2.ok) throw new Error(r2.error);
    expect(r2.total).toBe(1);
    await runJobToCompletion(r2.jobId, fast);
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: iv.id } })).nllMean).not.toBeNull();
    expect(await undoLast(iv.traceId, "t")).toMatchObject({ ok: true });
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: iv.id } })).toMatchObject({
      content: iv.content,
      nllMean: null,
    });
    // the other intervention keeps its score
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: s.ivs[1].id } })).nllMean).not.toBeNull();
  }, 120_000);

  for (const mode of ["off", "reject"] as const) {
    it(`a server without prompt_logprobs (${mode}) ends the job with one clear message and writes nothing`, async () => {
      const s = await seed(5);
      stub.setScript({ promptLogprobs: mode });
      try {
        const r = await startOnpolicyJob({ datasetId: s.datasetId, actor: "t", concurrency: 2 });
        if (!r.ok) throw new Error(r.error);
        const final = await runJobToCompletion(r.jobId, fast);
        expect(final.status).toBe("failed");
        expect(final.error).toBe(UNSUPPORTED_MESSAGE);
        expect(final.done).toBe(0);
        expect(
          await prisma.intervention.count({ where: { trace: { datasetId: s.datasetId }, nllMean: { not: null } } }),
        ).toBe(0);
        const items = await prisma.jobItem.findMany({ where: { jobId: r.jobId, status: "failed" } });
        expect(items.length).toBeGreaterThan(0);
        expect(items[0].error).toContain("prompt log-probabilities");
      } finally {
        stub.setScript({});
      }
    }, 120_000);
  }

  it("malformed log-probabilities fail their items with the reason and write nothing", async () => {
    const s = await seed(2);
    stub.setScript({ logprobOf: () => Number.NaN }); // serialised as null
    try {
      const r = await startOnpolicyJob({ datasetId: s.datasetId, actor: "t" });
      if (!r.ok) throw new Error(r.error);
      const final = await runJobToCompletion(r.jobId, fast);
      expect(final).toMatchObject({ status: "failed", failed: 2, done: 0 });
      const items = await prisma.jobItem.findMany({ where: { jobId: r.jobId } });
      expect(
        items.every((i) =>
          /malformed prompt_logprobs from the model server: prompt_logprobs\[\d+\]\[\d+\]\.logprob is null/.test(
            i.error ?? "",
          ),
        ),
      ).toBe(true);
      expect(
        await prisma.intervention.count({ where: { trace: { datasetId: s.datasetId }, nllMean: { not: null } } }),
      ).toBe(0);
    } finally {
      stub.setScript({});
    }
  }, 120_000);
});
