import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { setHumanLabel } from "./labels";
import { getFinalLabel, setFinalLabel } from "./final-label";

async function makeTrace(text = "a\n\nb: 2+3=6\n\nc\n\nd") {
  const ds = await prisma.dataset.create({ data: { name: `final-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "2+3?", answer: "5", contentHash: sha256(randomUUID()) } });
  return prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 4, contentHash: sha256(randomUUID()) } });
}

describe("setFinalLabel", () => {
  it("writes one final row (annotator \"\"), audits who adjudicated and makes it the trace's label", async () => {
    const t = await makeTrace();
    await setHumanLabel({ traceId: t.id, actor: "ada", step: 2, expectedVersion: null });
    await setHumanLabel({ traceId: t.id, actor: "bob", step: 3, expectedVersion: null });
    const r = await setFinalLabel({ traceId: t.id, actor: "cara", step: 2, checkFactual: true, checkNotRecovered: true, note: "ada is right", from: "human:ada", expectedVersion: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ source: "final", annotator: "", step: 2, checkFactual: true, note: "ada is right", version: 0 });
    expect(r.trace.humanStep).toBe(2); // not bob's newer 3
    const ev = await prisma.auditEvent.findFirstOrThrow({ where: { traceId: t.id, action: "label.final" } });
    expect(ev.actor).toBe("cara");
    expect(JSON.parse(ev.after!)).toMatchObject({ step: 2, source: "final", from: "human:ada" });
    const again = await setFinalLabel({ traceId: t.id, actor: "cara", step: null, expectedVersion: 0 });
    expect(again.ok && again.value).toMatchObject({ step: null, checkFactual: null, version: 1 });
    expect(await prisma.firstErrorLabel.count({ where: { traceId: t.id, source: "final" } })).toBe(1);
    expect((await getFinalLabel(t.id))?.step).toBeNull();
    expect(again.ok && again.trace.status).toBe("curated");
  });

  it("refuses a stale write, naming who adjudicated and what changed", async () => {
    const t = await makeTrace();
    expect((await setFinalLabel({ traceId: t.id, actor: "cara", step: 2, expectedVersion: null })).ok).toBe(true);
    const blind = await setFinalLabel({ traceId: t.id, actor: "dan", step: 3, expectedVersion: null });
    expect(blind.ok).toBe(false);
    expect(!blind.ok && blind.reason).toMatch(/^The final label was adjudicated by cara at \d\d:\d\d UTC \(created\); reload to see it$/);
    expect((await setFinalLabel({ traceId: t.id, actor: "cara", step: 4, expectedVersion: 0 })).ok).toBe(true);
    const stale = await setFinalLabel({ traceId: t.id, actor: "dan", step: 1, expectedVersion: 0 });
    expect(!stale.ok && stale.reason).toMatch(/by cara .*\(step 2 -> 4\)/);
    expect((await getFinalLabel(t.id))?.step).toBe(4);
  });

  it("refuses a step outside the trace and a missing trace", async () => {
    const t = await makeTrace();
    const r = await setFinalLabel({ traceId: t.id, actor: "cara", step: 5, expectedVersion: null });
    expect(!r.ok && r.reason).toBe("Step 5 is outside 1..4");
    const gone = await setFinalLabel({ traceId: "nope", actor: "cara", step: 1, expectedVersion: null });
    expect(!gone.ok && gone.reason).toMatch(/Trace not found/);
  });

  it("two adjudicators who both saw no final label: exactly one wins", async () => {
    const t = await makeTrace();
    const rs = await Promise.all([2, 3, 4].map((step) => setFinalLabel({ traceId: t.id, actor: `c${step}`, step, expectedVersion: null })));
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
    expect(await prisma.firstErrorLabel.count({ where: { traceId: t.id, source: "final" } })).toBe(1);
  });
});
