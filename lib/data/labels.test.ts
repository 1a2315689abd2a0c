import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { setHumanLabel } from "./labels";
import { createIntervention, decideIntervention } from "./interventions";

async function makeTrace(text = "step one\n\nstep two: 2+3=6\n\nstep three") {
  const ds = await prisma.dataset.create({ data: { name: `labels-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "What is 2+3?", answer: "5", contentHash: sha256(randomUUID()) } });
  return prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: text.split("\n\n").length, contentHash: sha256(text) } });
}

const base = { checkFactual: true, checkNotRecovered: true };

describe("setHumanLabel", () => {
  it("creates a human label, audits it and recomputes the trace", async () => {
    const t = await makeTrace();
    const r = await setHumanLabel({ traceId: t.id, actor: "alice", step: 2, ...base, expectedVersion: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ source: "human", annotator: "alice", step: 2, checkFactual: true, version: 0 });
    expect(r.trace).toMatchObject({ status: "labelled", humanStep: 2, version: 1 });
    const ev = await prisma.auditEvent.findMany({ where: { traceId: t.id } });
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ actor: "alice", action: "label.set", entity: "FirstErrorLabel", before: null });
    expect(JSON.parse(ev[0].after!)).toMatchObject({ step: 2, annotator: "alice" });
  });

  it("'no error' curates the trace and clears the checks", async () => {
    const t = await makeTrace();
    const r = await setHumanLabel({ traceId: t.id, actor: "alice", step: null, ...base, expectedVersion: null });
    expect(r.ok && r.trace).toMatchObject({ status: "curated", humanStep: null });
    expect(r.ok && r.value.checkFactual).toBeNull();
  });

  it("refuses a stale write with who, when and what changed", async () => {
    const t = await makeTrace();
    const first = await setHumanLabel({ traceId: t.id, actor: "bob", step: 2, ...base, expectedVersion: null });
    expect(first.ok).toBe(true);
    const second = await setHumanLabel({ traceId: t.id, actor: "bob", step: 3, ...base, expectedVersion: 0 });
    expect(second.ok).toBe(true);
    // A second tab of bob still holds version 0:
    const stale = await setHumanLabel({ traceId: t.id, actor: "bob", step: 1, ...base, expectedVersion: 0 });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.reason).toMatch(/^Your label was set by bob at \d\d:\d\d UTC \(step 2 -> 3\); reload to see it$/);
    // A tab that saw no label cannot create over an existing one either.
    const blind = await setHumanLabel({ traceId: t.id, actor: "bob", step: 1, ...base, expectedVersion: null });
    expect(blind.ok).toBe(false);
    const row = await prisma.firstErrorLabel.findFirstOrThrow({ where: { traceId: t.id } });
    expect(row).toMatchObject({ step: 3, version: 1 });
    expect(await prisma.auditEvent.count({ where: { traceId: t.id } })).toBe(2);
  });

  it("keeps one label per annotator; the latest human label drives the status", async () => {
    const t = await makeTrace();
    await setHumanLabel({ traceId: t.id, actor: "alice", step: 2, ...base, expectedVersion: null });
    const r = await setHumanLabel({ traceId: t.id, actor: "carol", step: 3, ...base, expectedVersion: null });
    expect(r.ok && r.trace.humanStep).toBe(3);
    expect(await prisma.firstErrorLabel.count({ where: { traceId: t.id, source: "human" } })).toBe(2);
  });

  it("refuses steps outside 1..n and stores flags and note", async () => {
    const t = await makeTrace();
    const bad = await setHumanLabel({ traceId: t.id, actor: "alice", step: 4, expectedVersion: null });
    expect(bad).toEqual({ ok: false, reason: "Step 4 is outside 1..3" });
    const r = await setHumanLabel({ traceId: t.id, actor: "alice", step: 1, note: "  odd\n", badReference: true, unsure: true, expectedVersion: null });
    expect(r.ok && r.value).toMatchObject({ note: "  odd\n", badReference: true, unsure: true, badProblem: false });
  });

  it("an accepted intervention keeps the trace curated whatever the label", async () => {
    const t = await makeTrace();
    await setHumanLabel({ traceId: t.id, actor: "alice", step: 2, ...base, expectedVersion: null });
    const iv = await createIntervention({ traceId: t.id, actor: "alice", location: 2, content: "Wait, 2+3=5." });
    expect(iv.ok && iv.trace).toMatchObject({ status: "labelled", hasIntervention: true });
    if (!iv.ok) return;
    const acc = await decideIntervention({ id: iv.value.id, actor: "alice", expectedVersion: 0, decision: "accept" });
    expect(acc.ok && acc.trace.status).toBe("curated");
    const t2 = await prisma.trace.findUniqueOrThrow({ where: { id: t.id } });
    expect(t2).toMatchObject({ status: "curated", hasIntervention: true, humanStep: 2, version: 3 });
  });
});
