import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { prisma } from "@/lib/db";
import { unregisterHandler } from "@/lib/jobs/registry";
import { fakeHandler } from "@/test-support/jobs";
import { runFakeSampleJob } from "@/test-support/fake-job";
import { chatComplete } from "./client";
import { DEFAULT_SAMPLING } from "./sampling";

// Issue 11 §5: a model server that stalls (or answers garbage) cannot hang a job. The stub (a test
// tool on 127.0.0.1, random port) sends 200 + headers + half a body and then nothing.
let stub: StubModel;
beforeAll(async () => {
  stub = await startStubModel();
});
afterAll(() => stub.close());
afterEach(() => unregisterHandler("sample"));

const msgs = [{ role: "user" as const, content: "hi" }];
async function caught(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as Error & { kind?: string; retryable?: boolean };
  }
  throw new Error("expected a failure");
}

describe("the whole response is bounded by the timeout", () => {
  it("headers + half a body, then a stall: a retryable timeout within the deadline", { timeout: 4_000 }, async () => {
    stub.setScript({ queue: [{ kind: "stall" }] });
    const t0 = Date.now();
    const e = await caught(chatComplete({ baseUrl: stub.url, timeoutMs: 400 }, "m", msgs, DEFAULT_SAMPLING));
    expect(e).toMatchObject({ kind: "timeout", retryable: true });
    expect(e.message).toContain("400 ms");
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it(
    "the caller's own abort during a stalled body stays an abort (the runner releases the item)",
    { timeout: 4_000 },
    async () => {
      stub.setScript({ queue: [{ kind: "stall" }] });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 150);
      const e = await caught(
        chatComplete({ baseUrl: stub.url, timeoutMs: 10_000 }, "m", msgs, DEFAULT_SAMPLING, { signal: ac.signal }),
      );
      expect(e).toMatchObject({ kind: "aborted" });
    },
  );

  it(
    "a job whose server stalls mid-body fails its items after the backoff policy's attempts",
    { timeout: 20_000 },
    async () => {
      stub.setScript({ fallback: { kind: "stall" } });
      const before = stub.count();
      fakeHandler("sample", async (_p, ctx) => {
        await chatComplete({ baseUrl: stub.url, timeoutMs: 300 }, "m", msgs, DEFAULT_SAMPLING, { signal: ctx.signal });
        return {};
      });
      const { jobId, progress: p } = await runFakeSampleJob({ n: 3, concurrency: 3, maxAttempts: 2 });
      expect(p).toMatchObject({ status: "failed", failed: 3, running: 0 });
      const items = await prisma.jobItem.findMany({ where: { jobId } });
      for (const it of items)
        expect(it).toMatchObject({
          status: "failed",
          attempts: 2,
          error: expect.stringMatching(/timed out after 300 ms .*\(after 2 attempts\)$/),
        });
      expect(stub.count() - before).toBe(6); // 3 items x 2 attempts
    },
  );
});

describe("a reply that is not JSON is transient, like HTTP 5xx", () => {
  it.each([
    ["labelled JSON", "application/json"],
    ["labelled HTML", "text/html"],
  ])("a 200 that is not JSON (%s) is a retryable bad-response", async (_label, contentType) => {
    stub.setScript({ queue: [{ kind: "garbage", body: "<html><body>502 Bad Gateway</body></html>", contentType }] });
    const e = await caught(chatComplete({ baseUrl: stub.url, timeoutMs: 5_000 }, "m", msgs, DEFAULT_SAMPLING));
    expect(e).toMatchObject({ kind: "bad-response", retryable: true });
    expect(e.message).toContain("not JSON");
  });

  it(
    "a job retries a non-JSON reply with backoff, then succeeds or records the failure",
    { timeout: 20_000 },
    async () => {
      const html = { kind: "garbage" as const, body: "<html>busy</html>", contentType: "text/html" };
      // item 0: two bad replies, then a good one; item 1: bad every time (3 attempts)
      stub.setScript({
        rules: [
          { match: "item-0", reply: html, times: 2 },
          { match: "item-1", reply: html },
        ],
        fallback: { kind: "text", text: "fine" },
      });
      fakeHandler("sample", async (p, ctx) => {
        const r = await chatComplete(
          { baseUrl: stub.url, timeoutMs: 5_000 },
          "m",
          [{ role: "user", content: `item-${p.i}` }],
          DEFAULT_SAMPLING,
          { signal: ctx.signal },
        );
        return { text: r.text };
      });
      const { jobId, progress: p } = await runFakeSampleJob({ n: 2, concurrency: 2, maxAttempts: 3 });
      expect(p).toMatchObject({ done: 1, failed: 1 });
      const items = await prisma.jobItem.findMany({ where: { jobId }, orderBy: { key: "asc" } });
      expect(items[0]).toMatchObject({ status: "done", attempts: 3 });
      expect(items[1]).toMatchObject({
        status: "failed",
        attempts: 3,
        error: expect.stringMatching(/not JSON \(after 3 attempts\)$/),
      });
    },
  );
});
