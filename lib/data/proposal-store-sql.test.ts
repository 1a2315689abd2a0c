import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { CANNED } from "@/e2e/stub-model/replies";
import { storeProposal, type ProposalInput } from "./proposal-store";
import { PENDING_REASON, readProposeItem, savePendingTurn1, storeProposalFast } from "./proposal-store-sql";

// The job's SQL hot path must write exactly what the Prisma path (batch import, the reference)
// writes: the same scenarios run through both on twin traces, and the rows are compared.

async function twinTraces(setup: (traceId: string) => Promise<void> = async () => {}) {
  const ds = await prisma.dataset.create({ data: { name: `sql-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "2+3?", answer: "5", contentHash: sha256(randomUUID()) } });
  const ids: string[] = [];
  for (const which of ["prisma", "sql"]) {
    const text = `${which}: a\n\nb: 2+3=6\n\nc`;
    const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) } });
    await setup(t.id);
    ids.push(t.id);
  }
  return ids as [string, string];
}

const input = (traceId: string, sample: number, turn2Raw: string): ProposalInput => ({
  traceId, jobItemId: `item-${traceId}-${sample}`, jobId: "job-1", sample, templateId: "tpl", templateHash: "h".repeat(64), model: "m-1",
  sampling: { temperature: 0.7, usage: { turn1: null } }, turn1Raw: "turn one \\frac{1}{2}", turn2Raw, promptTokens: 321, truncated: false,
});
const ctx = { stepCount: 3, answer: "77" };

/** Everything the two paths wrote for a trace, without ids and clock values. */
async function snapshot(traceId: string) {
  const proposals = await prisma.proposal.findMany({ where: { traceId }, orderBy: { sample: "asc" } });
  const pid = new Map(proposals.map((p) => [p.id, p.sample]));
  const trace = await prisma.trace.findUniqueOrThrow({ where: { id: traceId }, select: { status: true, hasIntervention: true, humanStep: true, version: true } });
  const labels = await prisma.firstErrorLabel.findMany({ where: { traceId }, orderBy: [{ source: "asc" }, { annotator: "asc" }] });
  const ivs = await prisma.intervention.findMany({ where: { traceId }, orderBy: { content: "asc" } });
  return {
    trace,
    proposals: proposals.map(({ id: _i, traceId: _t, jobItemId, createdAt: _c, ...rest }) => ({ ...rest, jobItemId: jobItemId?.replace(traceId, "T") })),
    labels: labels.map(({ id: _i, traceId: _t, createdAt: _c, updatedAt: _u, proposalId, ...rest }) => ({ ...rest, proposal: proposalId ? pid.get(proposalId) : null })),
    interventions: ivs.map(({ id: _i, traceId: _t, createdAt: _c, updatedAt: _u, proposalId, provenance, ...rest }) => {
      const { proposalId: pp, jobItemId, ...prov } = JSON.parse(provenance) as Record<string, unknown>;
      return { ...rest, proposal: proposalId ? pid.get(proposalId) : null, prov: { ...prov, proposal: pid.get(String(pp)), jobItemId: String(jobItemId).replace(traceId, "T") } };
    }),
  };
}

async function both(ids: [string, string], sample: number, turn2Raw: string) {
  const a = await storeProposal(input(ids[0], sample, turn2Raw), ctx);
  const b = await storeProposalFast(input(ids[1], sample, turn2Raw), ctx);
  expect([b.parse.ok, b.labelCreated, b.interventionId === null, b.location]).toEqual([a.parse.ok, a.labelCreated, a.interventionId === null, a.proposal.location]);
  expect(await snapshot(ids[1])).toEqual(await snapshot(ids[0]));
}

describe("storeProposalFast writes what storeProposal writes", () => {
  it('"no critical error" with an empty intervention: ok, and the model\'s first-error label "no error" (step null), no intervention', async () => {
    const ids = await twinTraces();
    await both(ids, 0, CANNED.noError);
    for (const id of ids) {
      const p = await prisma.proposal.findFirstOrThrow({ where: { traceId: id } });
      expect(p).toMatchObject({ parseOk: true, parseReason: null, location: null, content: null });
      const labels = await prisma.firstErrorLabel.findMany({ where: { traceId: id } });
      expect(labels).toMatchObject([{ source: "model", annotator: "m-1", step: null, proposalId: p.id }]);
      expect(await prisma.intervention.count({ where: { traceId: id } })).toBe(0);
    }
    // the first verdict of a model is its label: a later intervention does not move it
    await both(ids, 1, CANNED.valid(2));
    expect(await prisma.firstErrorLabel.findMany({ where: { traceId: ids[1] }, select: { step: true } })).toEqual([{ step: null }]);
  });

  it("fresh trace: model label, proposed intervention, status; a sibling with the same text adds nothing; a parse failure creates nothing", async () => {
    const ids = await twinTraces();
    await both(ids, 0, CANNED.valid(2));
    await both(ids, 1, CANNED.valid(2));
    await both(ids, 2, CANNED.latexUnescaped);
    await both(ids, 3, CANNED.wrongLocation);
    await both(ids, 4, CANNED.answerLeak("77"));
    const s = await snapshot(ids[1]);
    expect(s.trace).toMatchObject({ hasIntervention: true, status: "todo", version: 1 });
    expect(s.labels).toHaveLength(1);
    expect(s.interventions.map((i) => i.content)).toEqual([
      String.raw`Let me redo this: $\frac{a}{b} \neq \binom{5}{2} \times \theta$, so check $\left(x\right)$ again.`,
      "Wait, let me recompute the sum carefully before going on.",
    ]);
  });

  it("a trace a person labelled and curated keeps its label and status; the model label sits beside it", async () => {
    const ids = await twinTraces(async (traceId) => {
      await prisma.firstErrorLabel.create({ data: { traceId, source: "human", annotator: "alice", step: 2 } });
      await prisma.intervention.create({ data: { traceId, location: 2, content: "mine", status: "accepted", origin: "human", contentHash: sha256("mine") } });
      await prisma.trace.update({ where: { id: traceId }, data: { status: "curated", hasIntervention: true, humanStep: 2 } });
    });
    await both(ids, 0, CANNED.valid(3));
    expect((await snapshot(ids[1])).trace).toMatchObject({ status: "curated", humanStep: 2, version: 0 });
  });

  it("an adjudicated trace keeps the final label as its label, not the newer person's, on both paths", async () => {
    const ids = await twinTraces(async (traceId) => {
      await prisma.firstErrorLabel.create({ data: { traceId, source: "final", annotator: "", step: 3 } });
      await prisma.firstErrorLabel.create({ data: { traceId, source: "human", annotator: "bob", step: 2 } });
      await prisma.trace.update({ where: { id: traceId }, data: { status: "labelled", humanStep: 3 } });
    });
    await both(ids, 0, CANNED.valid(1));
    for (const id of ids) expect((await snapshot(id)).trace).toMatchObject({ status: "labelled", hasIntervention: true, humanStep: 3 });
  });

  it("running an item again updates its proposal in place (no second row)", async () => {
    const ids = await twinTraces();
    await both(ids, 0, CANNED.noTag);
    await both(ids, 0, CANNED.valid(1));
    const s = await snapshot(ids[1]);
    expect(s.proposals).toHaveLength(1);
    expect(s.proposals[0]).toMatchObject({ parseOk: true, location: 1, parseReason: null });
  });
});

describe("turn 1 kept as a pending proposal", () => {
  it("is read back with the trace, never overwrites a finished proposal, and becomes the finished one", async () => {
    const [, id] = await twinTraces();
    expect(await readProposeItem(id, "item-x", 0)).toMatchObject({ trace: { id, stepCount: 3, problem: { answer: "5" } }, existing: null });
    const base = { traceId: id, jobItemId: "item-x", sample: 0, templateId: "tpl", templateHash: "h", model: "m-1" };
    await savePendingTurn1({ ...base, sampling: { usage: { turn1: { promptTokens: 7, completionTokens: 9 } } }, turn1Raw: "first reply" });
    await savePendingTurn1({ ...base, sampling: {}, turn1Raw: "a second try must not replace it" });
    const pending = await readProposeItem(id, "item-x", 0);
    expect(pending?.existing).toMatchObject({ parseOk: false, parseReason: PENDING_REASON, turn1Raw: "first reply" });
    expect(JSON.parse(pending?.existing?.sampling ?? "{}").usage.turn1).toEqual({ promptTokens: 7, completionTokens: 9 });
    const stored = await storeProposalFast({ ...base, jobId: "j", sampling: {}, turn1Raw: "first reply", turn2Raw: CANNED.valid(2), promptTokens: 1, truncated: false }, ctx);
    expect(stored.proposalId).toBe(pending?.existing?.id);
    await savePendingTurn1({ ...base, sampling: {}, turn1Raw: "late" });
    const rows = await prisma.proposal.findMany({ where: { traceId: id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ parseOk: true, parseReason: null, turn1Raw: "first reply", location: 2 });
  });
});
