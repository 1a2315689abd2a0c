import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { nextItemFor, type RuleState } from "@/lib/core/queues/next-item";
import { createQueue, getQueue, refreshQueue } from "./queues";
import { completeItem, skipItem, takeNext } from "./queue-work";
import { myQueueCounts, queueProgress, waitingForMe } from "./queue-progress";
import { setHumanLabel } from "./labels";
import { queueDataset } from "@/test-support/queue-fixture";

const MIN = 60_000;

async function labelQueue(n: number, extra: Record<string, unknown> = {}) {
  const ds = await queueDataset(n);
  const r = await createQueue(ds.datasetId, { name: "q", task: "label", overlap: 2, reserveMinutes: 10, ...extra }, "cur");
  if (!r.ok) throw new Error(r.error);
  return { ...ds, queueId: r.id };
}

describe("work queue: next item", () => {
  it("overlap 2: two people get different items, then each other's; nobody gets an item a third time", async () => {
    const { queueId, traceIds } = await labelQueue(2);
    const t0 = Date.now();
    const a1 = await takeNext(queueId, "ann", 10, t0);
    const b1 = await takeNext(queueId, "bob", 10, t0);
    expect([a1?.traceId, b1?.traceId]).toEqual([traceIds[0], traceIds[1]]);
    expect(await takeNext(queueId, "cy", 10, t0)).toBeNull(); // both held
    expect((await takeNext(queueId, "ann", 10, t0 + 1000))?.resumed).toBe(true); // same hold back
    expect(await completeItem(queueId, traceIds[0], "ann", t0 + 5000)).toBe(true);
    expect(await completeItem(queueId, traceIds[0], "ann", t0 + 6000)).toBe(false); // double submit counts once
    expect(await takeNext(queueId, "cy", 10, t0 + 7000)).toMatchObject({ traceId: traceIds[0] });
    await completeItem(queueId, traceIds[0], "cy", t0 + 9000);
    // item 0 is done by 2 people; ann has done it; item 1 is bob's
    expect(await takeNext(queueId, "ann", 10, t0 + 10_000)).toBeNull();
    const p = await queueProgress(queueId, 2, t0 + 10_000);
    expect(p).toMatchObject({ items: 2, itemsDone: 1, inProgress: 1, remaining: 2, completions: 2 });
    expect(p.people.find((x) => x.annotator === "ann")).toMatchObject({ done: 1, medianSeconds: 5 });
    expect(p.people.find((x) => x.annotator === "bob")).toMatchObject({ done: 0, inProgress: 1 });
  });

  it("a reservation holds until it expires or I finish; skip releases it and is not offered to me again", async () => {
    const { queueId, traceIds } = await labelQueue(2, { overlap: 1 });
    const t0 = Date.now();
    expect((await takeNext(queueId, "ann", 10, t0))?.traceId).toBe(traceIds[0]);
    expect((await takeNext(queueId, "bob", 10, t0 + 9 * MIN))?.traceId).toBe(traceIds[1]);
    expect(await skipItem(queueId, traceIds[1], "bob", t0 + 9 * MIN)).toBe(true);
    // ann's hold expired at 10 min: bob gets item 0; item 1 (skipped by bob) is not his again
    expect((await takeNext(queueId, "bob", 10, t0 + 10 * MIN))?.traceId).toBe(traceIds[0]);
    expect((await takeNext(queueId, "ann", 10, t0 + 10 * MIN))?.traceId).toBe(traceIds[1]);
    expect(await myQueueCounts(queueId, "bob")).toMatchObject({ done: 0, skipped: 1 });
  });

  it("overlap 2: an item the other person holds still needs me, so I am waiting, not done", async () => {
    const { queueId, traceIds } = await labelQueue(1);
    const t0 = Date.now();
    expect((await takeNext(queueId, "ann", 10, t0))?.traceId).toBe(traceIds[0]);
    expect(await takeNext(queueId, "bob", 10, t0)).toBeNull();
    expect(await waitingForMe(queueId, "bob")).toBe(1);
    await completeItem(queueId, traceIds[0], "ann", t0 + 1000);
    expect(await waitingForMe(queueId, "ann")).toBe(0); // ann did it: done
    expect(await waitingForMe(queueId, "bob")).toBe(1); // freed, still needs bob: not "done"
    expect((await takeNext(queueId, "bob", 10, t0 + 1000))?.traceId).toBe(traceIds[0]);
    await completeItem(queueId, traceIds[0], "bob", t0 + 2000);
    expect(await waitingForMe(queueId, "bob")).toBe(0);
  });

  it("the SQL follows the rule of lib/core/queues/next-item.ts on random histories", async () => {
    const { queueId } = await labelQueue(6, { overlap: 2 });
    const items = await prisma.queueItem.findMany({ where: { queueId } });
    const people = ["a", "b", "c", "d"];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let now = Date.now();
    for (let step = 0; step < 120; step++) {
      now += rnd(4) * MIN; // sometimes past a 10-minute reservation
      const me = people[rnd(people.length)];
      const state: RuleState = {
        overlap: 2,
        items: (await prisma.queueItem.findMany({ where: { queueId } })).map((i) => ({ traceId: i.traceId, position: i.position, doneCount: i.doneCount })),
        reservations: (await prisma.queueReservation.findMany({ where: { queueId } })).map((r) => ({
          traceId: r.traceId, annotator: r.annotator, expiresAt: r.expiresAt.getTime(), endedAt: r.endedAt?.getTime() ?? null, endReason: r.endReason,
        })),
        completions: await prisma.queueCompletion.findMany({ where: { queueId }, select: { traceId: true, annotator: true } }),
      };
      const want = nextItemFor(state, me, now);
      const got = await takeNext(queueId, me, 10, now);
      expect(got && { traceId: got.traceId, resumed: got.resumed }, `step ${step} for ${me}`).toEqual(want);
      if (got && rnd(3) === 0) await skipItem(queueId, got.traceId, me, now);
      else if (got && rnd(2) === 0) await completeItem(queueId, got.traceId, me, now);
    }
    expect(items).toHaveLength(6);
  });

  it("stores the filter, refuses an empty queue, and refresh adds new matches at the end", async () => {
    const ds = await queueDataset(3);
    const bad = await createQueue(ds.datasetId, { name: "q", task: "label", overlap: 1, filter: { generator: "none-such" } }, "cur");
    expect(bad).toEqual({ ok: false, error: "No trace matches this filter" });
    const adj = await createQueue(ds.datasetId, { name: "adj", task: "adjudicate", overlap: 1 }, "cur");
    expect(adj.ok).toBe(false);
    await setHumanLabel({ traceId: ds.traceIds[1], actor: "ann", step: 1, expectedVersion: null });
    await setHumanLabel({ traceId: ds.traceIds[1], actor: "bob", step: 2, expectedVersion: null });
    await setHumanLabel({ traceId: ds.traceIds[2], actor: "ann", step: 2, expectedVersion: null });
    await setHumanLabel({ traceId: ds.traceIds[2], actor: "bob", step: 2, expectedVersion: null });
    const q = await createQueue(ds.datasetId, { name: "adj", task: "adjudicate", overlap: 1 }, "cur");
    if (!q.ok) throw new Error(q.error);
    expect((await prisma.queueItem.findMany({ where: { queueId: q.id } })).map((i) => i.traceId)).toEqual([ds.traceIds[1]]);
    await setHumanLabel({ traceId: ds.traceIds[0], actor: "ann", step: null, expectedVersion: null });
    await setHumanLabel({ traceId: ds.traceIds[0], actor: "bob", step: 3, expectedVersion: null });
    expect(await refreshQueue(q.id)).toBe(1);
    expect((await prisma.queueItem.findMany({ where: { queueId: q.id }, orderBy: { position: "asc" } })).map((i) => i.traceId)).toEqual([ds.traceIds[1], ds.traceIds[0]]);
    const v = await getQueue(q.id);
    expect(v).toMatchObject({ task: "adjudicate", filter: {}, assignees: [], blind: true });
  });
});

describe("triage order", () => {
  it("puts model-split traces first, then model vs imported, rollouts all failed, leaks; the rest in list order", async () => {
    const ds = await queueDataset(6);
    const [t0, t1, t2, t3, t4, t5] = ds.traceIds;
    const proposal = (traceId: string, location: number | null, parseOk = true, parseReason: string | null = null) =>
      prisma.proposal.create({ data: { traceId, model: "m", parseOk, parseReason, location, sample: Math.floor(Math.random() * 1e9) } });
    await proposal(t4, 1);
    await proposal(t4, 2); // model split
    await prisma.firstErrorLabel.create({ data: { traceId: t2, source: "model", annotator: "m", step: 1 } });
    await prisma.firstErrorLabel.create({ data: { traceId: t2, source: "imported", annotator: "", step: 3 } }); // model vs imported
    await prisma.intervention.create({ data: { traceId: t3, location: 1, content: "x", origin: "model", contentHash: "h3", rolloutsTotal: 4, rolloutsCorrect: 0 } });
    await proposal(t1, null, false, "answer_leak: contains 7"); // held back
    const q = await createQueue(ds.datasetId, { name: "tri", task: "label", overlap: 1, order: "triage" }, "cur");
    if (!q.ok) throw new Error(q.error);
    const items = await prisma.queueItem.findMany({ where: { queueId: q.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => i.traceId)).toEqual([t4, t2, t3, t1, t0, t5]);
    expect(items[0].triage).toMatch(/disagree with each other/);
    expect(items[4].triage).toBe("");
  });
});
