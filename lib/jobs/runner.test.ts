import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createJob, transitionJob } from "@/lib/data/job-lifecycle";
import { runJobToCompletion } from "./run-to-completion";
import { JobRunner } from "./runner";
import { delay, fakeHandler, waitFor } from "@/test-support/jobs";
import { RetryableError, UnreachableError } from "./types";
import { unregisterHandler } from "./registry";
import * as store from "@/lib/data/job-store";

const fast = { pollMs: 30, controlMs: 20, backoff: { baseMs: 20, maxMs: 200 }, log: () => {} };
const start = (params: Record<string, unknown>) =>
  createJob({ kind: "sample", params, datasetId: null, createdBy: "test" });
const job = (id: string) => prisma.job.findUniqueOrThrow({ where: { id } });

afterEach(() => unregisterHandler("sample"));

describe("job runner", () => {
  it("creates planned items in one go and respects the concurrency bound", async () => {
    let now = 0;
    let max = 0;
    fakeHandler("sample", async (p, ctx) => {
      max = Math.max(max, ++now);
      await delay(15, ctx.signal).finally(() => now--);
      return { i: p.i };
    });
    const { jobId, total } = await start({ n: 40, concurrency: 5 });
    expect(total).toBe(40);
    expect((await job(jobId)).status).toBe("queued");
    const seen: number[] = [];
    const p = await runJobToCompletion(jobId, { ...fast, progressMs: 20, onProgress: (x) => seen.push(x.done) });
    expect(p).toMatchObject({ status: "done", total: 40, done: 40, failed: 0, running: 0, pending: 0 });
    expect(max).toBe(5);
    expect(seen.length).toBeGreaterThan(1);
    const j = await job(jobId);
    expect([j.done, j.failed]).toEqual([40, 0]);
    const r = await prisma.jobItem.findFirstOrThrow({ where: { jobId, key: "item-00007" } });
    expect(JSON.parse(r.result!)).toEqual({ i: 7 });
  });

  it("an item that releases its slot lets the next start, never past twice the concurrency", async () => {
    let now = 0;
    let max = 0;
    fakeHandler("sample", async (p, ctx) => {
      max = Math.max(max, ++now);
      await delay(10, ctx.signal);
      ctx.release?.(); // its last calls under way
      await delay(20, ctx.signal).finally(() => now--);
      return { i: p.i };
    });
    const { jobId } = await start({ n: 40, concurrency: 4 });
    const p = await runJobToCompletion(jobId, fast);
    expect(p).toMatchObject({ status: "done", done: 40, failed: 0 });
    expect(max).toBeGreaterThan(4); // overlapped
    expect(max).toBeLessThanOrEqual(8);
  });

  it("retries retryable failures with backoff, then records the failure", async () => {
    const times: Record<number, number[]> = {};
    fakeHandler("sample", async (p) => {
      const i = p.i as number;
      (times[i] ??= []).push(Date.now());
      if (i === 0) throw new RetryableError("HTTP 503 from model server");
      if (i === 1 && times[1].length < 3) throw new RetryableError("timeout");
      if (i === 2) throw new Error("bad request: context too long");
      if (i === 3) throw "not an Error object";
      return { ok: true };
    });
    const { jobId } = await start({ n: 6, concurrency: 3, maxAttempts: 3 });
    const p = await runJobToCompletion(jobId, fast);
    expect(p).toMatchObject({ status: "done", done: 3, failed: 3 });
    expect(times[0]).toHaveLength(3);
    expect(times[0][1] - times[0][0]).toBeGreaterThanOrEqual(9); // >= half of 20 ms
    expect(times[0][2] - times[0][1]).toBeGreaterThanOrEqual(19); // >= half of 40 ms
    expect(times[2]).toHaveLength(1); // not retryable: one attempt
    const items = await prisma.jobItem.findMany({ where: { jobId }, orderBy: { key: "asc" } });
    expect(items[0]).toMatchObject({
      status: "failed",
      attempts: 3,
      error: "HTTP 503 from model server (after 3 attempts)",
    });
    expect(items[1]).toMatchObject({ status: "done", attempts: 3 });
    expect(items[2]).toMatchObject({ status: "failed", attempts: 1, error: "bad request: context too long" });
    expect(items[3]).toMatchObject({ status: "failed", error: "not an Error object" });
    expect((await job(jobId)).error).toBe("3 items failed");
  });

  it("marks a job failed when every item failed", async () => {
    fakeHandler("sample", async () => {
      throw new Error("nope");
    });
    const { jobId } = await start({ n: 3 });
    expect(await runJobToCompletion(jobId, fast)).toMatchObject({ status: "failed", failed: 3, done: 0 });
  });

  it("cancel stops claiming and aborts in-flight items", async () => {
    let aborted = 0;
    fakeHandler("sample", async (_p, ctx) => {
      // long enough that items are surely in flight when the cancel lands, also on a loaded
      // machine (the runner's claims wait out the cancel's write lock with a backoff)
      await delay(200, ctx.signal).catch((e) => {
        aborted++;
        throw e;
      });
      return {};
    });
    const { jobId } = await start({ n: 60, concurrency: 4 });
    const run = runJobToCompletion(jobId, fast);
    await waitFor(async () => (await job(jobId)).done >= 4);
    expect(await transitionJob(jobId, "cancel", "test")).toEqual({ ok: true });
    const p = await run;
    expect(p.status).toBe("cancelled");
    expect(p.running).toBe(0);
    expect(p.done).toBeLessThan(60);
    expect(p.pending).toBe(60 - p.done);
    expect(aborted).toBeGreaterThan(0);
    expect(await transitionJob(jobId, "cancel", "test")).toMatchObject({ ok: false });
    const audit = await prisma.auditEvent.findMany({ where: { entityId: jobId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["job.start", "job.cancel"]);
  });

  it("pause then resume finishes the rest, each item completed once", async () => {
    const completed = new Map<string, number>();
    fakeHandler("sample", async (p, ctx) => {
      await delay(20, ctx.signal);
      completed.set(String(p.i), (completed.get(String(p.i)) ?? 0) + 1);
      return {};
    });
    const { jobId } = await start({ n: 50, concurrency: 4 });
    const run = runJobToCompletion(jobId, fast);
    await waitFor(async () => (await job(jobId)).done >= 8);
    expect(await transitionJob(jobId, "pause", "test")).toEqual({ ok: true });
    const paused = await run;
    expect(paused.status).toBe("paused");
    expect(paused.running).toBe(0);
    expect(await transitionJob(jobId, "resume", "test")).toEqual({ ok: true });
    const p = await runJobToCompletion(jobId, fast);
    expect(p).toMatchObject({ status: "done", done: 50, failed: 0 });
    expect(completed.size).toBe(50);
    expect([...completed.values()].every((c) => c === 1)).toBe(true);
  });

  it("survives a crash: a new runner recovers leased items, nothing lost, side effects applied once", async () => {
    const calls = new Map<string, number>();
    const effects = new Map<string, string>(); // the handler's "upsert"
    fakeHandler("sample", async (p, ctx) => {
      const k = String(p.i);
      calls.set(k, (calls.get(k) ?? 0) + 1);
      await delay(25, ctx.signal);
      effects.set(k, `proposal for ${k}`);
      return { k };
    });
    const { jobId } = await start({ n: 40, concurrency: 6 });
    const r1 = new JobRunner({ ...fast, leaseMs: 300 }).start();
    await waitFor(async () => (await job(jobId)).done >= 10);
    r1.abandon(); // the process "dies": items stay running with a lease nobody refreshes
    const atCrash = await store.itemCounts(jobId);
    expect(atCrash.running).toBeGreaterThan(0);
    const doneBefore = new Set(
      (await prisma.jobItem.findMany({ where: { jobId, status: "done" }, select: { payload: true } })).map((i) =>
        String(JSON.parse(i.payload).i),
      ),
    );

    const r2 = new JobRunner({ ...fast, leaseMs: 300 }).start();
    await waitFor(async () => (await job(jobId)).status === "done", 15_000);
    await r2.stop();
    const j = await job(jobId);
    expect([j.done, j.failed, j.total]).toEqual([40, 0, 40]);
    expect(effects.size).toBe(40);
    for (const k of doneBefore) expect(calls.get(k)).toBe(1); // finished work is never redone
    expect(Math.max(...calls.values())).toBeLessThanOrEqual(2);
    expect(await prisma.jobItem.count({ where: { jobId, status: { not: "done" } } })).toBe(0);
  });

  it("a restarted process takes back items of a dead process at once, without waiting for the lease", async () => {
    const calls: string[] = [];
    fakeHandler("sample", async (p) => {
      calls.push(String(p.i));
      return {};
    });
    const { jobId } = await start({ n: 10 });
    await store.markJobRunning(jobId);
    const leased = await store.claimItems(jobId, "4194999-deadbeef", 4); // a pid that does not exist
    expect(leased).toHaveLength(4);
    const t0 = Date.now();
    const p = await runJobToCompletion(jobId, { ...fast, leaseMs: 60_000 });
    expect(p).toMatchObject({ status: "done", done: 10 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(calls.sort()).toEqual(Array.from({ length: 10 }, (_, i) => String(i)).sort());
  });

  it("pauses the job with a clear error when the model server is unreachable, and resumes later", async () => {
    let up = false;
    let attempts = 0;
    fakeHandler("sample", async () => {
      attempts++;
      if (!up) throw new UnreachableError("connect ECONNREFUSED 127.0.0.1:9", "http://127.0.0.1:9/v1");
      return {};
    });
    const { jobId } = await start({ n: 30, concurrency: 4, maxAttempts: 3 });
    const p = await runJobToCompletion(jobId, { ...fast, unreachableLimit: 5 });
    expect(p.status).toBe("paused");
    expect(p.error).toMatch(/^model server unreachable at http:\/\/127\.0\.0\.1:9\/v1; resume when it is up/);
    expect(p.failed).toBe(0);
    expect(p.pending).toBe(30);
    expect(attempts).toBeLessThan(12);
    up = true;
    expect(await transitionJob(jobId, "resume", "test")).toEqual({ ok: true });
    expect(await runJobToCompletion(jobId, fast)).toMatchObject({ status: "done", done: 30, error: null });
  });

  it("a one-item job against a down server pauses (its item is not failed) even below the streak limit", async () => {
    fakeHandler("sample", async () => {
      throw new UnreachableError("connect ECONNREFUSED 127.0.0.1:9", "http://127.0.0.1:9/v1");
    });
    const { jobId } = await start({ n: 1, maxAttempts: 2 });
    const p = await runJobToCompletion(jobId, { ...fast, unreachableLimit: 5 });
    expect(p).toMatchObject({ status: "paused", failed: 0, pending: 1 });
    expect(p.error).toMatch(/^model server unreachable at http:\/\/127\.0\.0\.1:9\/v1/);
  });

  it("resume with retryFailed reruns failed items only", async () => {
    let fail = true;
    fakeHandler("sample", async (p) => {
      if (fail && p.i === 1) throw new Error("parse error");
      return {};
    });
    const { jobId } = await start({ n: 3 });
    expect(await runJobToCompletion(jobId, fast)).toMatchObject({ status: "done", done: 2, failed: 1 });
    expect(await transitionJob(jobId, "resume", "test")).toMatchObject({ ok: false });
    fail = false;
    expect(await transitionJob(jobId, "resume", "test", { retryFailed: true })).toEqual({ ok: true });
    expect(await runJobToCompletion(jobId, fast)).toMatchObject({ status: "done", done: 3, failed: 0 });
  });

  it("a job with no items is done at once; duplicate planned keys are one item", async () => {
    const h = fakeHandler("sample", async () => ({}));
    expect((await job((await start({ n: 0 })).jobId)).status).toBe("done");
    h.prepare = async (params) => ({ ...params, model: "resolved-at-creation" });
    h.plan = async () => [
      { key: "a", payload: {} },
      { key: "a", payload: {} },
      { key: "b", payload: {} },
    ];
    const { jobId, total } = await start({});
    expect(total).toBe(2);
    expect(await prisma.jobItem.count({ where: { jobId } })).toBe(2);
    expect(JSON.parse((await job(jobId)).params)).toEqual({ model: "resolved-at-creation" });
  });
});
