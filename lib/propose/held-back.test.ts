import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { describeOutcomes } from "@/lib/core/propose/outcome";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { CANNED } from "@/e2e/stub-model/replies";
import { exportLines, newCounts } from "@/lib/data/export";
import { acceptHeldBackProposal } from "@/lib/data/held-back";
import { getJobDetail } from "@/lib/data/job-queries";
import { runJobToCompletion } from "@/lib/jobs/run-to-completion";
import { writeModelSettings } from "@/lib/model/settings";
import { listProposals } from "@/lib/data/proposal-queries";
import { startProposeJob } from "./start";

// Issue 12 §4: a proposal the leak filter holds back (its content contains the ground-truth
// answer) is not a parse failure: it is shown as held back with its text, counted apart in the
// job's summary, and a person may edit the leak out and accept it (the export's leakage check
// still applies to the final text).

let stub: StubModel;
let datasetId: string;
let traceId: string;
beforeAll(async () => {
  stub = await startStubModel();
  await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
  const ds = await prisma.dataset.create({ data: { name: `held-${randomUUID()}` } });
  datasetId = ds.id;
  const p = await prisma.problem.create({
    data: {
      datasetId,
      statement: "Compute 100 + 3.",
      referenceSolution: "Add: 103.",
      answer: "103",
      contentHash: sha256(ds.id),
    },
  });
  const text = "We add.\n\n100 + 3 = 104.\n\nSo \\boxed{104}.";
  traceId = (
    await prisma.trace.create({
      data: { datasetId, problemId: p.id, text, stepCount: 3, contentHash: sha256(text), correct: false },
    })
  ).id;
});
afterAll(() => stub.close());

const fast = { pollMs: 50, controlMs: 50, backoff: { baseMs: 10, maxMs: 50 }, log: () => {} };
const turn1 = { kind: "text" as const, text: "Solve: 100 + 3 = 103." };

describe("held back by the leak filter", () => {
  it("is counted apart from parse failures in the job's summary and shown with its reason and text", async () => {
    // the reference's structure (the default): one turn 1, then one turn 2 with n = 4 sharing it
    const text = (t: string) => ({ kind: "text" as const, text: t });
    stub.setScript({
      queue: [
        turn1,
        text(CANNED.valid(2)),
        text(CANNED.answerLeak("103")),
        text(CANNED.noTag),
        text(CANNED.answerLeak("103 exactly")),
      ],
    });
    const r = await startProposeJob({ datasetId, actor: "t", k: 4, concurrency: 1 });
    if (!r.ok) throw new Error(r.error);
    const final = await runJobToCompletion(r.jobId, fast);
    expect(final).toMatchObject({ status: "done", done: 1, failed: 0 }); // one item per trace
    const job = await getJobDetail(r.jobId);
    expect(job?.outcomes).toEqual({ parsed: 1, no_error: 0, held_back: 2, parse_failed: 1 });
    expect(describeOutcomes(job!.outcomes!)).toBe(
      "4 proposals: 1 parsed, 2 held back (contain the answer), 1 parse failure",
    );
    const ps = await listProposals(traceId);
    const held = ps.filter((p) => p.outcome === "held_back");
    expect(held).toHaveLength(2);
    expect(held.map((p) => p.heldBack)).toEqual([
      'held back: contains the answer "103"',
      'held back: contains the answer "103"',
    ]);
    expect(held.map((p) => p.content).sort()).toEqual([
      "So the result must be 103 exactly.",
      "So the result must be 103.",
    ]);
    expect(held.every((p) => p.location === 2 && p.interventionId === null)).toBe(true);
    expect(ps.filter((p) => p.outcome === "parse_failed").map((p) => p.parseReason)).toEqual([
      expect.stringMatching(/^missing_tag/),
    ]);
  });

  it("a person edits the leak out and accepts; the export still checks the final text", async () => {
    const held = (await listProposals(traceId)).filter((p) => p.outcome === "held_back");
    const [a, b] = held.sort((x, y) => x.sample - y.sample);
    const edited = await acceptHeldBackProposal({
      proposalId: a.id,
      traceId,
      content: "So the result must be the sum we get after carrying.",
      actor: "ann",
    });
    expect(edited).toMatchObject({ ok: true, value: { stillLeaks: false } });
    const iv = await prisma.intervention.findUniqueOrThrow({ where: { id: edited.ok ? edited.value.id : "" } });
    expect(iv).toMatchObject({
      status: "edited",
      origin: "model",
      location: 2,
      originalContent: a.content,
      proposalId: a.id,
    });
    expect(JSON.parse(iv.provenance)).toMatchObject({
      via: "propose",
      heldBack: expect.stringMatching(/^answer_leak/),
      acceptedBy: "ann",
    });
    expect(
      await prisma.auditEvent.count({ where: { entityId: iv.id, action: "intervention.create", actor: "ann" } }),
    ).toBe(1);
    // still leaking: accepted as the person asked, but the export leaves it out
    const leaky = await acceptHeldBackProposal({
      proposalId: b.id,
      traceId,
      content: b.content + " Check it.",
      actor: "ann",
    });
    expect(leaky).toMatchObject({ ok: true, value: { stillLeaks: true } });
    const counts = newCounts({ format: "int" });
    const lines: string[] = [];
    for await (const l of exportLines({ datasetId, format: "int" }, counts)) lines.push(l);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("after carrying");
    expect(counts.excludedLeakage).toBe(1);
    // shown as decided now (its intervention), never accepted twice, and only held-back proposals
    expect((await listProposals(traceId)).find((p) => p.id === a.id)?.interventionId).toBe(iv.id);
    expect(
      await acceptHeldBackProposal({
        proposalId: a.id,
        traceId,
        content: "So the result must be the sum we get after carrying.",
        actor: "ann",
      }),
    ).toEqual({ ok: false, reason: "The same intervention already exists at step 2 (edited)" });
    const parsed = (await listProposals(traceId)).find((p) => p.outcome === "parsed")!;
    expect(await acceptHeldBackProposal({ proposalId: parsed.id, traceId, content: "x", actor: "ann" })).toEqual({
      ok: false,
      reason: "This proposal was not held back: accept or edit its intervention instead",
    });
  });
});
