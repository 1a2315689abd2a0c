import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { CANNED } from "@/e2e/stub-model/replies";
import { RetryableError, type ItemContext } from "@/lib/jobs/types";
import { writeModelSettings } from "@/lib/model/settings";
import { PENDING_REASON, proposeHandler } from "./handler";
import { resolveProposeParams } from "./params";
import { listProposals } from "@/lib/data/proposal-queries";
import { reparseProposals } from "@/lib/data/proposal-reparse";

let stub: StubModel;
let datasetId: string;
const traceIds: string[] = [];

beforeAll(async () => {
  stub = await startStubModel();
  await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
  const ds = await prisma.dataset.create({ data: { name: `propose-${randomUUID()}` } });
  datasetId = ds.id;
  for (let i = 0; i < 3; i++) {
    const p = await prisma.problem.create({
      data: {
        datasetId,
        statement: `Problem ${i}: compute 2+${i}.`,
        referenceSolution: "Add.",
        answer: String(2 + i + 100),
        contentHash: sha256(`p${i}`),
      },
    });
    const text = `Step one of ${i}.\n\nStep two is wrong.\n\nStep three.\n\nSo \\boxed{7}.`;
    const t = await prisma.trace.create({
      data: { datasetId, problemId: p.id, text, stepCount: 4, contentHash: sha256(text) },
    });
    traceIds.push(t.id);
  }
});
afterAll(() => stub.close());

async function runAll(params: Record<string, unknown>, jobId = "job-1") {
  const items = await proposeHandler.plan(params, datasetId);
  const results = [];
  for (const it of items) {
    const ctx: ItemContext = { jobId, itemId: `${jobId}:${it.key}`, params, signal: new AbortController().signal };
    results.push(await proposeHandler.runItem(it.payload, ctx));
  }
  return { items, results };
}

describe("propose handler against the stub", () => {
  it("independent turn 1s: plans K items per trace and stores proposals, model labels and proposed interventions", async () => {
    const params = await resolveProposeParams({ k: 2, turn1: "independent" });
    expect(params).toMatchObject({
      model: "stub-model",
      k: 2,
      sampling: { temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16384 },
    });
    const { items, results } = await runAll(params);
    expect(items).toHaveLength(6);
    expect(results.every((r) => r.parseOk === true)).toBe(true);
    expect(stub.count()).toBe(12); // two turns per proposal
    const req = stub.requests();
    expect(req[0].messages).toHaveLength(1);
    expect(req[1].messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(req[1].messages[2].content).toContain("**Substep 4:** So \\boxed{7}.");
    expect(await prisma.proposal.count()).toBe(6);
    const p = await prisma.proposal.findFirstOrThrow({ where: { traceId: traceIds[0] } });
    expect(p).toMatchObject({ model: "stub-model", parseOk: true, location: 2, truncated: false });
    expect(p.templateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(p.sampling)).toMatchObject({ temperature: 0.7, top_k: 20, maxPromptTokens: 30000 });
    expect(p.turn1Raw).toContain("boxed");
    expect(JSON.parse(p.sampling)).toMatchObject({ turn1: "independent", endpoint: "model" });
    expect(p.turn2Raw).toContain("<intervention>");
    const labels = await prisma.firstErrorLabel.findMany({ where: { source: "model" } });
    expect(labels).toHaveLength(3);
    expect(labels[0]).toMatchObject({ annotator: "stub-model", step: 2 });
    const ivs = await prisma.intervention.findMany();
    expect(ivs).toHaveLength(3); // identical text from the two samples is one intervention
    expect(ivs[0]).toMatchObject({ status: "proposed", origin: "model", location: 2 });
    expect(JSON.parse(ivs[0].provenance)).toMatchObject({ via: "propose", model: "stub-model" });
    const trace = await prisma.trace.findUniqueOrThrow({ where: { id: traceIds[0] } });
    expect(trace).toMatchObject({ hasIntervention: true, status: "todo" });
    expect((await listProposals(traceIds[0])).length).toBe(2);
  });

  it("re-running the same items does nothing twice (no calls, no rows)", async () => {
    const params = await resolveProposeParams({ k: 2, turn1: "independent" });
    const before = stub.count();
    const { results } = await runAll(params);
    expect(results.every((r) => r.reused === true)).toBe(true);
    expect(stub.count()).toBe(before);
    expect(await prisma.proposal.count()).toBe(6);
    expect(await prisma.intervention.count()).toBe(3);
    expect(await prisma.firstErrorLabel.count()).toBe(3);
  });

  it("records parse failures with reasons and creates nothing for them", async () => {
    const params = await resolveProposeParams({ k: 1, traceIds: [traceIds[1]], turn1: "independent" });
    const turn1 = { kind: "text" as const, text: "solution" };
    const cases = [CANNED.noTag, CANNED.wrongLocation, CANNED.answerLeak("103"), CANNED.latexUnescaped];
    stub.setScript({ queue: cases.flatMap((c) => [turn1, { kind: "text" as const, text: c }]) });
    const reasons = [];
    for (let i = 0; i < cases.length; i++) reasons.push((await runAll(params, `job-f${i}`)).results[0].reason);
    expect(reasons[0]).toMatch(/^missing_tag/);
    expect(reasons[1]).toMatch(/^location_out_of_range/);
    expect(reasons[2]).toMatch(/^answer_leak/);
    expect(reasons[3]).toBeNull();
    const latex = await prisma.intervention.findFirstOrThrow({
      where: { traceId: traceIds[1], content: { contains: "frac" } },
    });
    expect(latex.content).toContain(String.raw`$\frac{a}{b} \neq \binom{5}{2} \times \theta$`);
    expect(await prisma.intervention.count({ where: { traceId: traceIds[1] } })).toBe(2);
    const failed = (await listProposals(traceIds[1])).filter((p) => !p.parseOk);
    expect(failed).toHaveLength(3);
    expect(failed.every((p) => p.turn2Raw.length > 0)).toBe(true);
  });

  it("a 500 on turn 2 is retryable and the retry reuses turn 1", async () => {
    const params = await resolveProposeParams({ k: 1, traceIds: [traceIds[2]], turn1: "independent" });
    stub.setScript({
      queue: [
        { kind: "text", text: "sol" },
        { kind: "status", status: 500 },
      ],
    });
    const items = await proposeHandler.plan(params, datasetId);
    const ctx: ItemContext = { jobId: "j5", itemId: "j5:item", params, signal: new AbortController().signal };
    await expect(proposeHandler.runItem(items[0].payload, ctx)).rejects.toBeInstanceOf(RetryableError);
    // turn 1 is kept in the database (a pending proposal), so a restarted process resumes at turn 2 too
    expect(await prisma.proposal.findFirstOrThrow({ where: { jobItemId: "j5:item" } })).toMatchObject({
      parseReason: PENDING_REASON,
      turn1Raw: "sol",
    });
    expect((await listProposals(traceIds[2])).some((p) => p.jobItemId === "j5:item")).toBe(false); // a pending one is not shown
    const before = stub.count();
    const r = await proposeHandler.runItem(items[0].payload, ctx);
    expect(r.parseOk).toBe(true);
    expect(stub.count()).toBe(before + 1); // only turn 2 again
    expect((await prisma.proposal.findFirstOrThrow({ where: { jobItemId: "j5:item" } })).turn1Raw).toBe("sol");
  });

  it("re-parse applies the parser to stored outputs idempotently", async () => {
    const s1 = await reparseProposals({ datasetId });
    expect(s1.changed).toBe(0);
    await prisma.proposal.updateMany({
      where: { parseOk: true },
      data: { parseOk: false, parseReason: "old parser bug", location: null, content: null },
    });
    const s2 = await reparseProposals({ datasetId });
    expect(s2.nowOk).toBeGreaterThan(0);
    expect(s2.interventionsCreated).toBe(0);
    expect((await reparseProposals({ datasetId })).changed).toBe(0);
  });

  it("truncates a long verifier prompt and records it", async () => {
    const long = Array.from(
      { length: 400 },
      (_, i) => `Step ${i}: we add ${i} to the running total and keep going.`,
    ).join("\n\n");
    const p = await prisma.problem.create({
      data: {
        datasetId,
        statement: "Long one",
        referenceSolution: "Sum them.",
        answer: "1",
        contentHash: sha256("long"),
      },
    });
    const t = await prisma.trace.create({
      data: { datasetId, problemId: p.id, text: long, stepCount: 400, contentHash: sha256(long) },
    });
    const params = await resolveProposeParams({ k: 1, traceIds: [t.id], maxPromptTokens: 2000, turn1: "independent" });
    stub.setScript({});
    const { results } = await runAll(params, "job-long");
    expect(results[0]).toMatchObject({ truncated: true });
    const row = await prisma.proposal.findFirstOrThrow({ where: { traceId: t.id } });
    expect(row.truncated).toBe(true);
    expect(row.promptTokens).toBeLessThanOrEqual(2000);
    expect(JSON.parse(row.sampling).truncation).toMatchObject({ limit: 2000 });
  });
});
