import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { createIntervention, decideIntervention, editIntervention } from "./interventions";

async function makeTrace(text = "a\n\nb: 2+3=6\n\nc") {
  const ds = await prisma.dataset.create({ data: { name: `iv-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "2+3?", answer: "5", contentHash: sha256(randomUUID()) } });
  return prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: text.split("\n\n").length, contentHash: sha256(text) } });
}

async function newIv(content = "Let me recheck: $2+3$ is not 6.") {
  const t = await makeTrace();
  const r = await createIntervention({ traceId: t.id, actor: "alice", location: 2, content });
  if (!r.ok) throw new Error(r.reason);
  return { t, iv: r.value, trace: r.trace };
}

describe("interventions", () => {
  it("creates a human proposal byte-exact, audited, trace marked", async () => {
    const content = "  Wait:\n$\\frac{1}{2}$ \n";
    const { t, iv, trace } = await newIv(content);
    expect(iv).toMatchObject({ content, status: "proposed", origin: "human", author: "alice", location: 2, version: 0, originalContent: null });
    expect(trace).toMatchObject({ hasIntervention: true, status: "todo", version: 1 });
    const ev = await prisma.auditEvent.findFirstOrThrow({ where: { traceId: t.id } });
    expect(ev).toMatchObject({ action: "intervention.create", entity: "Intervention", entityId: iv.id, before: null });
  });

  it("refuses duplicates, empty content and locations outside the trace", async () => {
    const { t, iv } = await newIv();
    expect((await createIntervention({ traceId: t.id, actor: "bob", location: 2, content: iv.content })).ok).toBe(false);
    expect(await createIntervention({ traceId: t.id, actor: "bob", location: 2, content: " \n" })).toEqual({ ok: false, reason: "The intervention is empty" });
    expect(await createIntervention({ traceId: t.id, actor: "bob", location: 4, content: "x" })).toEqual({ ok: false, reason: "Location 4 is outside steps 1..3" });
  });

  it("accept -> curated; reject -> no live intervention; audit before/after", async () => {
    const { t, iv } = await newIv();
    const a = await decideIntervention({ id: iv.id, actor: "bob", expectedVersion: 0, decision: "accept" });
    expect(a.ok && a.value.status).toBe("accepted");
    expect(a.ok && a.trace).toMatchObject({ status: "curated", hasIntervention: true });
    const r = await decideIntervention({ id: iv.id, actor: "bob", expectedVersion: 1, decision: "reject" });
    // the first-error label the accept recorded (step 2) stays: the person still judged step 2 wrong
    expect(r.ok && r.trace).toMatchObject({ status: "labelled", humanStep: 2, hasIntervention: false });
    const ev = await prisma.auditEvent.findMany({ where: { traceId: t.id, entity: "Intervention" }, orderBy: { createdAt: "asc" } });
    expect(ev.map((e) => e.action)).toEqual(["intervention.create", "intervention.accept", "intervention.reject"]);
    expect(await prisma.auditEvent.count({ where: { traceId: t.id, action: "label.set" } })).toBe(1);
    expect(JSON.parse(ev[2].before!).status).toBe("accepted");
    expect(JSON.parse(ev[2].after!).status).toBe("rejected");
  });

  it("edit keeps the original content the first time only, status edited", async () => {
    const { iv } = await newIv("first");
    const e1 = await editIntervention({ id: iv.id, actor: "bob", expectedVersion: 0, content: "second" });
    expect(e1.ok && e1.value).toMatchObject({ content: "second", originalContent: "first", status: "edited", version: 1 });
    expect(e1.ok && e1.trace.status).toBe("curated");
    const e2 = await editIntervention({ id: iv.id, actor: "carol", expectedVersion: 1, content: "third", location: 3 });
    expect(e2.ok && e2.value).toMatchObject({ content: "third", originalContent: "first", location: 3, version: 2 });
    expect(await editIntervention({ id: iv.id, actor: "carol", expectedVersion: 2, content: "third" })).toEqual({ ok: false, reason: "Nothing to save: the content is unchanged" });
  });

  it("a stale edit is refused with who, when and what changed, and nothing is overwritten", async () => {
    const { t, iv } = await newIv("original");
    // alice and bob both loaded version 0; alice saves first.
    const alice = await editIntervention({ id: iv.id, actor: "alice", expectedVersion: 0, content: "alice's text" });
    expect(alice.ok).toBe(true);
    const bob = await editIntervention({ id: iv.id, actor: "bob", expectedVersion: 0, content: "bob's text" });
    expect(bob.ok).toBe(false);
    if (bob.ok) return;
    expect(bob.reason).toMatch(/^Intervention was edited by alice at \d\d:\d\d UTC \(status proposed -> edited; content changed\); reload to see it$/);
    const accept = await decideIntervention({ id: iv.id, actor: "bob", expectedVersion: 0, decision: "accept" });
    expect(accept.ok).toBe(false);
    const row = await prisma.intervention.findUniqueOrThrow({ where: { id: iv.id } });
    expect(row).toMatchObject({ content: "alice's text", status: "edited", version: 1 });
    // create, alice's edit and the first-error label her edit recorded; nothing of bob's
    expect((await prisma.auditEvent.findMany({ where: { traceId: t.id } })).map((e) => e.action).sort()).toEqual(["intervention.create", "intervention.edit", "label.set"]);
    const trace = await prisma.trace.findUniqueOrThrow({ where: { id: t.id } });
    expect(trace.version).toBe(2);
  });

  it("refuses deciding twice the same way and unknown ids", async () => {
    const { iv } = await newIv();
    await decideIntervention({ id: iv.id, actor: "bob", expectedVersion: 0, decision: "reject" });
    expect(await decideIntervention({ id: iv.id, actor: "bob", expectedVersion: 1, decision: "reject" })).toEqual({ ok: false, reason: "Intervention is already rejected" });
    expect((await decideIntervention({ id: "nope", actor: "bob", expectedVersion: 0, decision: "accept" })).ok).toBe(false);
  });
});
