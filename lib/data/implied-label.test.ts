import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { listAudit, undoLast } from "./audit";
import { setHumanLabel } from "./labels";
import { createIntervention, decideIntervention, editIntervention } from "./interventions";
import { acceptHeldBackProposal } from "./held-back";

// Accepting or editing an intervention at step k records the person's first-error label at k
// (issue 14 §2), in the same transaction, audited, undone with the decision; an existing human
// label is never overwritten.

async function setup(actor = "ann") {
  const text = "a\n\nb: 2+3=6\n\nc\n\nd";
  const ds = await prisma.dataset.create({ data: { name: `implied-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "2+3?", answer: "5", contentHash: sha256(randomUUID()) } });
  const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 4, contentHash: sha256(text) } });
  const c = await createIntervention({ traceId: t.id, actor, location: 2, content: "Check: $2+3=5$, not 6." });
  if (!c.ok) throw new Error(c.reason);
  return { t, iv: c.value };
}

const humanLabels = (traceId: string) => prisma.firstErrorLabel.findMany({ where: { traceId, source: "human" }, select: { annotator: true, step: true } });

describe("accept / edit -> first-error label", () => {
  it("accept at step k records the person's label at k: the trace counts as labelled, audited in the same act", async () => {
    const { t, iv } = await setup();
    const r = await decideIntervention({ id: iv.id, actor: "ann", expectedVersion: 0, decision: "accept" });
    expect(r.ok && r.label).toEqual({ recorded: true, step: 2 });
    expect(r.ok && r.trace).toMatchObject({ status: "curated", humanStep: 2 });
    expect(await humanLabels(t.id)).toEqual([{ annotator: "ann", step: 2 }]);
    const ev = await listAudit(t.id);
    const label = ev.find((e) => e.action === "label.set");
    const accept = ev.find((e) => e.action === "intervention.accept");
    expect(label?.after).toMatchObject({ step: 2, annotator: "ann", recordedWith: accept?.id });
  });

  it("an edit records the label at the edited location", async () => {
    const { t, iv } = await setup();
    const r = await editIntervention({ id: iv.id, actor: "ann", expectedVersion: 0, content: "Check again: $2+3=5$.", location: 3 });
    expect(r.ok && r.label).toEqual({ recorded: true, step: 3 });
    expect(await humanLabels(t.id)).toEqual([{ annotator: "ann", step: 3 }]);
  });

  it("never overwrites an existing human label (the person's own or a colleague's, 'no error' included)", async () => {
    const { t, iv } = await setup();
    await setHumanLabel({ traceId: t.id, actor: "ann", step: 4, expectedVersion: null });
    const r = await decideIntervention({ id: iv.id, actor: "ann", expectedVersion: 0, decision: "accept" });
    expect(r.ok && r.label).toEqual({ recorded: false, kept: { annotator: "ann", step: 4 } });
    expect(await humanLabels(t.id)).toEqual([{ annotator: "ann", step: 4 }]);

    const other = await setup();
    await setHumanLabel({ traceId: other.t.id, actor: "bob", step: null, expectedVersion: null });
    const e = await editIntervention({ id: other.iv.id, actor: "ann", expectedVersion: 0, content: "changed" });
    expect(e.ok && e.label).toEqual({ recorded: false, kept: { annotator: "bob", step: null } });
    expect(await humanLabels(other.t.id)).toEqual([{ annotator: "bob", step: null }]);
  });

  it("reject records nothing", async () => {
    const { t, iv } = await setup();
    const r = await decideIntervention({ id: iv.id, actor: "ann", expectedVersion: 0, decision: "reject" });
    expect(r.ok && r.label).toBeUndefined();
    expect(await humanLabels(t.id)).toEqual([]);
  });

  it("undo of the accept also undoes the label it recorded (one undo, both audited); the next undo goes on", async () => {
    const { t, iv } = await setup();
    await decideIntervention({ id: iv.id, actor: "ann", expectedVersion: 0, decision: "accept" });
    const u = await undoLast(t.id, "ann");
    expect(u.ok && u.undone.action).toBe("intervention.accept");
    expect(u.ok && u.alsoUndone?.action).toBe("label.set");
    expect(u.ok && u.trace).toMatchObject({ status: "todo", humanStep: null });
    expect(await humanLabels(t.id)).toEqual([]);
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: iv.id } })).status).toBe("proposed");
    expect((await listAudit(t.id)).filter((e) => e.action === "undo")).toHaveLength(2);
    const u2 = await undoLast(t.id, "ann");
    expect(u2.ok && u2.undone.action).toBe("intervention.create");
  });

  it("a label the person changed after the accept is undone first, on its own; then accept + recorded label together", async () => {
    const { t, iv } = await setup();
    await decideIntervention({ id: iv.id, actor: "ann", expectedVersion: 0, decision: "accept" });
    await setHumanLabel({ traceId: t.id, actor: "ann", step: 3, expectedVersion: 0 });
    const u1 = await undoLast(t.id, "ann");
    expect(u1.ok && [u1.undone.action, u1.alsoUndone]).toEqual(["label.set", null]);
    expect(await humanLabels(t.id)).toEqual([{ annotator: "ann", step: 2 }]);
    const u2 = await undoLast(t.id, "ann");
    expect(u2.ok && u2.undone.action).toBe("intervention.accept");
    expect(await humanLabels(t.id)).toEqual([]);
  });

  it("accepting an edited held-back proposal at step k records the label too; undo takes both back", async () => {
    const { t } = await setup();
    const p = await prisma.proposal.create({
      data: { traceId: t.id, jobItemId: `item-${randomUUID()}`, sample: 0, model: "m", parseOk: false, parseReason: 'answer_leak: the content contains the ground-truth answer "5"', location: 3, content: "So it is 5." },
    });
    const r = await acceptHeldBackProposal({ proposalId: p.id, traceId: t.id, content: "So add again.", actor: "ann" });
    expect(r.ok && r.value.label).toEqual({ recorded: true, step: 3 });
    expect(await humanLabels(t.id)).toEqual([{ annotator: "ann", step: 3 }]);
    const u = await undoLast(t.id, "ann");
    expect(u.ok && [u.undone.action, u.alsoUndone?.action]).toEqual(["intervention.create", "label.set"]);
    expect(await humanLabels(t.id)).toEqual([]);
  });
});
