import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { describeChange, formatWhen, lastUndoable, listAudit, undoLast } from "./audit";
import { setHumanLabel } from "./labels";
import { createIntervention, decideIntervention, editIntervention } from "./interventions";

async function makeTrace(text = "a\n\nb\n\nc") {
  const ds = await prisma.dataset.create({ data: { name: `audit-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "q", contentHash: sha256(randomUUID()) } });
  return prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) } });
}

describe("audit helpers", () => {
  it("describes changes and times", () => {
    expect(describeChange({ status: "proposed", content: "a" }, { status: "accepted", content: "b" }, ["status", "content"])).toBe("status proposed -> accepted; content changed");
    expect(describeChange(null, { a: 1 }, ["a"])).toBe("created");
    expect(describeChange({ a: 1 }, { deleted: true }, ["a"])).toBe("removed");
    const now = new Date("2026-11-26T12:00:00Z");
    expect(formatWhen(new Date("2026-11-26T10:31:05Z"), now)).toBe("10:31 UTC");
    expect(formatWhen(new Date("2026-11-25T10:31:05Z"), now)).toBe("2026-11-25 10:31 UTC");
  });
});

describe("undoLast", () => {
  it("undoes an accept, then the creation, step by step; restores status", async () => {
    const t = await makeTrace();
    const c = await createIntervention({ traceId: t.id, actor: "alice", location: 2, content: "fix" });
    if (!c.ok) throw new Error(c.reason);
    await decideIntervention({ id: c.value.id, actor: "alice", expectedVersion: 0, decision: "accept" });
    const u1 = await undoLast(t.id, "alice"); // the accept and the first-error label it recorded
    expect(u1.ok && u1.undone.action).toBe("intervention.accept");
    expect(u1.ok && u1.alsoUndone?.action).toBe("label.set");
    expect(u1.ok && u1.trace).toMatchObject({ status: "todo", hasIntervention: true });
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: c.value.id } })).status).toBe("proposed");
    const u2 = await undoLast(t.id, "alice");
    expect(u2.ok && u2.undone.action).toBe("intervention.create");
    expect(await prisma.intervention.count({ where: { traceId: t.id } })).toBe(0);
    expect(u2.ok && u2.trace.hasIntervention).toBe(false);
    expect(await undoLast(t.id, "alice")).toEqual({ ok: false, reason: "Nothing of yours to undo on this trace" });
    const actions = (await listAudit(t.id)).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(["undo", "undo", "undo"]);
    expect(actions.slice(3).sort()).toEqual(["intervention.accept", "intervention.create", "label.set"]);
  });

  it("undoes a label change back to the previous label, and a new label away", async () => {
    const t = await makeTrace();
    await setHumanLabel({ traceId: t.id, actor: "bob", step: 2, checkFactual: true, checkNotRecovered: true, expectedVersion: null });
    await setHumanLabel({ traceId: t.id, actor: "bob", step: null, expectedVersion: 0 });
    const u1 = await undoLast(t.id, "bob");
    expect(u1.ok && u1.trace).toMatchObject({ status: "labelled", humanStep: 2 });
    const u2 = await undoLast(t.id, "bob");
    expect(u2.ok && u2.trace).toMatchObject({ status: "todo", humanStep: null });
    expect(await prisma.firstErrorLabel.count({ where: { traceId: t.id } })).toBe(0);
  });

  it("only undoes the actor's own events, and refuses when someone changed the row since", async () => {
    const t = await makeTrace();
    const c = await createIntervention({ traceId: t.id, actor: "alice", location: 2, content: "fix" });
    if (!c.ok) throw new Error(c.reason);
    await decideIntervention({ id: c.value.id, actor: "alice", expectedVersion: 0, decision: "accept" });
    await editIntervention({ id: c.value.id, actor: "bob", expectedVersion: 1, content: "bob's fix" });
    expect(["intervention.accept", "label.set"]).toContain((await lastUndoable(t.id, "alice"))?.action);
    const refused = await undoLast(t.id, "alice");
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/^Cannot undo: Intervention was edited by bob at \d\d:\d\d UTC \(status accepted -> edited; content changed/);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: c.value.id } })).toMatchObject({ content: "bob's fix", status: "edited" });
    const byBob = await undoLast(t.id, "bob");
    expect(byBob.ok).toBe(true);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: c.value.id } })).toMatchObject({ content: "fix", status: "accepted", originalContent: null });
  });
});
