import { describe, expect, it } from "vitest";
import { performance as nodePerformance } from "node:perf_hooks";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db";
import { queueDataset } from "@/test-support/queue-fixture";
import { openSqlite } from "./sqlite";
import { createQueue } from "./queues";
import { takeNext } from "./queue-work";
import { submitQueueLabel } from "./queue-submit";
import { writeInThread, writerThreadReady } from "./writer-thread";
import { coalescingSync } from "./wal-sync";
import { answerSubmit } from "./writer-thread-worker";
import { offLoop } from "./off-loop";

// The server thread must never run a WAL checkpoint or a label's fsync (writer-thread.ts): on a busy
// disk each stalled every request in flight. Measured here as the longest gap of a 2 ms timer on
// this thread while a person takes and submits with 64 MB of WAL waiting to be checkpointed.

function stallMeter() {
  let last = performance.now(),
    max = 0;
  const t = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 2);
  return () => {
    clearInterval(t);
    return Math.max(max, performance.now() - last);
  };
}

describe("writer thread", () => {
  // first in this file: the thread of this process is started by its take
  it("a submit while the thread is still starting is written on this thread, not held until it runs", async () => {
    const { datasetId } = await queueDataset(1);
    const q = await createQueue(datasetId, { name: "early", task: "label", overlap: 1, reserveMinutes: 10 }, "cur");
    if (!q.ok) throw new Error(q.error);
    const held = await takeNext(q.id, "eve", 10);
    let running = false;
    void writerThreadReady().then((ok) => (running = ok));
    expect(await submitQueueLabel(q.id, { traceId: held!.traceId, actor: "eve", step: 1 })).toMatchObject({ ok: true });
    expect(running, "the submit waited for the thread's start (2-3 s)").toBe(false);
    expect(await writerThreadReady()).toBe(true);
  });

  it("take and submit with 64 MB of WAL to checkpoint: this thread does not stall, the label is stored", { timeout: 60_000 }, async () => {
    const { datasetId } = await queueDataset(3);
    const q = await createQueue(datasetId, { name: "stall", task: "label", overlap: 1, reserveMinutes: 10 }, "cur");
    if (!q.ok) throw new Error(q.error);
    // a warm server: the first item taken (starts the writer thread) and submitted, the thread running
    const first = await takeNext(q.id, "kai", 10);
    expect((await submitQueueLabel(q.id, { traceId: first!.traceId, actor: "kai", step: 1 })).ok).toBe(true);
    await writerThreadReady();

    // another connection appends 16,000 pages to the WAL and does not checkpoint them
    const fill = openSqlite(env().DATABASE_URL);
    fill.pragma("wal_autocheckpoint = 0");
    fill.exec(`CREATE TABLE "_walFill" ("b" BLOB)`);
    const add = fill.prepare(`INSERT INTO "_walFill" VALUES (randomblob(4000))`);
    fill.transaction(() => {
      for (let i = 0; i < 16_000; i++) add.run();
    })();

    const stop = stallMeter();
    const held = await takeNext(q.id, "kai", 10);
    const r = await submitQueueLabel(q.id, { traceId: held!.traceId, actor: "kai", step: 2 });
    await new Promise((res) => setTimeout(res, 100)); // a stall right after the reply counts too
    const stallMs = stop();
    fill.exec(`DROP TABLE "_walFill"`);
    fill.close();

    expect(r.ok).toBe(true);
    const label = await prisma.firstErrorLabel.findUnique({
      where: { traceId_source_annotator: { traceId: held!.traceId, source: "human", annotator: "kai" } },
    });
    expect(label?.step).toBe(2);
    expect(stallMs, `longest stall of this thread: ${stallMs.toFixed(0)} ms`).toBeLessThan(100);
  });

  it("a team label from the review screen is written by the thread: this event loop stays free meanwhile", { timeout: 60_000 }, async () => {
    expect(await writerThreadReady()).toBe(true); // started by the takes above
    const { traceIds } = await queueDataset(40);
    // the event loop's busy time (not the thread's) while 20 labels are written each way, in the same run
    const busyWhile = async (thread: boolean, ids: string[]) => {
      const before = nodePerformance.eventLoopUtilization();
      for (const traceId of ids) {
        const by = { userId: thread ? "u-rev" : null }; // signed in: a team server
        const r = await offLoop(by, "setHumanLabel", { traceId, actor: "rev", step: 2, expectedVersion: null });
        expect(r.ok).toBe(true);
      }
      return nodePerformance.eventLoopUtilization(before).active;
    };
    const here = await busyWhile(false, traceIds.slice(0, 20));
    const inThread = await busyWhile(true, traceIds.slice(20));
    const stored = await prisma.firstErrorLabel.count({ where: { traceId: { in: traceIds }, annotator: "rev", step: 2 } });
    expect(stored).toBe(40);
    expect(inThread, `event loop busy ${inThread.toFixed(0)} ms with the thread, ${here.toFixed(0)} ms without`).toBeLessThan(here / 2);
  });

  it("the other hand-made writes run in it too: an intervention, its decision, a comment (results as here)", async () => {
    expect(await writerThreadReady()).toBe(true);
    const { traceIds } = await queueDataset(1);
    const traceId = traceIds[0];
    const cur = { name: "cora", role: "curator" as const, userId: "u-cora" };
    // writeInThread answers null when it did not send the write to the thread: each of these must be sent
    const sent = async <T>(r: Promise<{ value: T } | null>): Promise<T> => {
      const done = await r;
      expect(done, "not written by the thread").not.toBeNull();
      return done!.value;
    };
    const iv = await sent(writeInThread("createIntervention", { traceId, actor: "cora", location: 2, content: "Recheck step 2." }));
    if (!iv.ok) throw new Error(iv.reason);
    const decided = await sent(writeInThread("decideIntervention", { id: iv.value.id, expectedVersion: iv.value.version, decision: "accept", actor: "cora" }));
    expect(decided).toMatchObject({ ok: true, value: { status: "accepted" } });
    const c = await sent(writeInThread("addComment", { traceId, step: 2, interventionId: null, body: "Why step 2?", actor: cur }));
    expect(c).toMatchObject({ ok: true, comment: { body: "Why step 2?", author: "cora" } });
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: iv.value.id } })).status).toBe("accepted");
    // a refusal comes back as the same result, not as an error
    expect(await sent(writeInThread("decideIntervention", { id: "nope", expectedVersion: 0, decision: "reject", actor: "cora" }))).toMatchObject({ ok: false });
  });

  it("an fsync asked for while one runs waits for a fresh one, shared by everyone who asked meanwhile", async () => {
    const release: (() => void)[] = [];
    const sync = coalescingSync(() => new Promise<void>((r) => release.push(r)));
    const a = sync();
    let bDone = false;
    const b = sync().then(() => (bDone = true));
    const c = sync();
    expect(release).toHaveLength(1);
    release[0]();
    await a;
    await new Promise((r) => setImmediate(r));
    // the first fsync may have started before b's and c's frames were written: it does not count for them
    expect(bDone).toBe(false);
    expect(release).toHaveLength(2);
    release[1]();
    await Promise.all([b, c]);
    expect(release).toHaveLength(2);
  });
});

describe("writer thread: the answer to a write", () => {
  it("comes after the fsync of the WAL, never before; a failed write answers with its code", async () => {
    let release = () => {};
    const synced = () => new Promise<void>((r) => (release = r));
    const request = { id: 7, job: { fn: "writeQueueLabel" as const, args: ["q", { traceId: "t", actor: "kai", step: 1 }, 0] } };
    let answered = false;
    const answer = answerSubmit(request, async () => ({ ok: true, labelId: "l", counted: true }), synced).then((a) => ((answered = true), a));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    release();
    expect(await answer).toEqual({ id: 7, ok: true, value: { ok: true, labelId: "l", counted: true } });
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    expect(await answerSubmit(request, () => Promise.reject(busy), () => Promise.resolve())).toEqual({
      id: 7,
      ok: false,
      error: { message: "database is locked", code: "SQLITE_BUSY" },
    });
  });
});
