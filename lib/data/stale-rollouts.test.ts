import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { refreshKeep } from "./rollout-store";
import { undoLast } from "./audit";
import { createIntervention, decideIntervention, editIntervention } from "./interventions";
import { interventionRollouts } from "./rollouts";
import { staleConditions } from "./stale-rollouts";

async function setup() {
  const ds = await prisma.dataset.create({ data: { name: `stale-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "2+3?", answer: "5", contentHash: sha256(randomUUID()) } });
  const text = "a\n\nb: 2+3=6\n\nc";
  const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) } });
  const r = await createIntervention({ traceId: t.id, actor: "alice", location: 2, content: "Recheck: $2+3=5$." });
  if (!r.ok) throw new Error(r.reason);
  return { p, t, iv: r.value };
}

let n = 0;
async function addRollouts(s: { p: { id: string }; t: { id: string }; iv: { id: string } }, condition: string, correct: boolean[]) {
  const jobItemId = `item-${n++}`;
  for (const [sample, c] of correct.entries()) {
    await prisma.rollout.create({
      data: { problemId: s.p.id, traceId: s.t.id, interventionId: s.iv.id, condition, sample, jobItemId, model: "m", text: "x", verdict: c ? "equal" : "not_equal", correct: c },
    });
  }
}

const conditionsLeft = async (id: string) =>
  (await prisma.rollout.findMany({ where: { interventionId: id }, select: { condition: true } })).map((r) => r.condition).sort();

describe("an edit makes an intervention's rollouts stale", () => {
  it("content edit: drops the intervention rollouts, keeps the baselines, resets the verdict, marks stale until re-run", async () => {
    const s = await setup();
    await addRollouts(s, "intervention", [true, false, false]);
    for (const c of ["prefix", "original", "problem"]) await addRollouts(s, c, [false]);
    await refreshKeep(s.iv.id, 1);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: s.iv.id } })).toMatchObject({ verified: true, rolloutsCorrect: 1, rolloutsTotal: 3 });

    const e = await editIntervention({ id: s.iv.id, actor: "bob", expectedVersion: 0, content: "Recheck: $2+3$ is $5$, not $6$." });
    expect(e.ok && e.value).toMatchObject({ verified: null, rolloutsCorrect: 0, rolloutsTotal: 0, status: "edited", version: 1, originalContent: "Recheck: $2+3=5$." });
    expect(await conditionsLeft(s.iv.id)).toEqual(["original", "prefix", "problem"]);
    const view = await interventionRollouts(s.iv.id);
    expect(view?.intervention.stale).toMatchObject({ by: "bob", dropped: 3, correct: 1, total: 3, verified: true });
    expect(view?.rollouts.some((r) => r.condition === "intervention")).toBe(false);

    // a re-run stores rollouts of the new text: no longer stale
    await addRollouts(s, "intervention", [false, true]);
    await refreshKeep(s.iv.id, 1);
    const after = await interventionRollouts(s.iv.id);
    expect(after?.intervention).toMatchObject({ stale: null, verified: true, rolloutsCorrect: 1, rolloutsTotal: 2 });
  });

  it("a location change also drops the prefix and original-step rollouts; the problem ones stay", async () => {
    const s = await setup();
    for (const c of ["intervention", "prefix", "original", "problem"]) await addRollouts(s, c, [true]);
    await refreshKeep(s.iv.id, 1);
    const e = await editIntervention({ id: s.iv.id, actor: "bob", expectedVersion: 0, content: "Recheck: $2+3=5$.", location: 3 });
    expect(e.ok).toBe(true);
    expect(await conditionsLeft(s.iv.id)).toEqual(["problem"]);
    expect((await interventionRollouts(s.iv.id))?.intervention.stale).toMatchObject({ dropped: 3 });
  });

  it("never rolled out: an edit marks nothing; an accept leaves rollouts alone", async () => {
    const s = await setup();
    const e = await editIntervention({ id: s.iv.id, actor: "bob", expectedVersion: 0, content: "other" });
    expect(e.ok && e.value.provenance).not.toContain("rolloutsStale");
    expect((await interventionRollouts(s.iv.id))?.intervention.stale).toBeNull();

    await addRollouts(s, "intervention", [true]);
    await refreshKeep(s.iv.id, 1);
    const a = await decideIntervention({ id: s.iv.id, actor: "bob", expectedVersion: 1, decision: "accept" });
    expect(a.ok && a.value).toMatchObject({ verified: true, rolloutsTotal: 1 });
    expect(await conditionsLeft(s.iv.id)).toEqual(["intervention"]);
  });

  it("undoing an edit drops the rollouts of the undone text too", async () => {
    const s = await setup();
    const e = await editIntervention({ id: s.iv.id, actor: "bob", expectedVersion: 0, content: "edited text" });
    expect(e.ok).toBe(true);
    await addRollouts(s, "intervention", [true, true]);
    await refreshKeep(s.iv.id, 1);
    const u = await undoLast(s.t.id, "bob");
    expect(u.ok && u.undone.action).toBe("intervention.edit");
    const iv = await prisma.intervention.findUniqueOrThrow({ where: { id: s.iv.id } });
    expect(iv).toMatchObject({ content: "Recheck: $2+3=5$.", verified: null, rolloutsTotal: 0 });
    expect(await conditionsLeft(s.iv.id)).toEqual([]);
    expect((await interventionRollouts(s.iv.id))?.intervention.stale).toMatchObject({ by: "bob", dropped: 2, correct: 2 });
  });

  it("staleConditions follows what each condition continues from", () => {
    const a = { content: "x", location: 2 };
    expect(staleConditions(a, { ...a })).toEqual([]);
    expect(staleConditions(a, { ...a, content: "y" })).toEqual(["intervention"]);
    expect(staleConditions(a, { ...a, location: 3 })).toEqual(["intervention", "prefix", "original"]);
  });
});
