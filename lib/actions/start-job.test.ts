// Issue 11 §6: a job started from the UI must not start a second runner beside the thread that
// instrumentation.ts started (model calls on the render loop, twice the calls in flight).
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Worker } from "node:worker_threads";
import { JobRunner } from "@/lib/jobs/runner";
import { startServerRunner, stopRunner } from "@/lib/jobs/server-runner";

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { startJobAction } = await import("./start-job");

const g = globalThis as unknown as { __intJobRunner?: JobRunner; __intJobWorker?: Worker };
const started = vi.spyOn(JobRunner.prototype, "start");
/** Runners of this process: the runner thread, plus every runner started on this thread. */
const runners = () => (g.__intJobWorker ? 1 : 0) + started.mock.calls.length;
const startJob = () => startJobAction("test", async () => ({ ok: true, jobId: "j", total: 1 }));

afterEach(async () => {
  const w = g.__intJobWorker;
  g.__intJobWorker = undefined; // first, so its exit does not start the fallback runner
  await w?.terminate();
  await stopRunner();
  started.mockClear();
  delete process.env.INT_JOB_RUNNER;
});

describe("startJobAction uses the process's one runner", () => {
  test("with the runner thread up (as instrumentation.ts starts it), starting jobs adds no runner", async () => {
    startServerRunner(); // what instrumentation.ts register() does
    expect(g.__intJobWorker).toBeDefined();
    const wake = vi.spyOn(g.__intJobWorker!, "postMessage");
    expect((await startJob()).ok).toBe(true);
    expect((await startJob()).ok).toBe(true);
    expect(runners()).toBe(1);
    expect(g.__intJobRunner).toBeUndefined();
    expect(wake).toHaveBeenCalledWith("wake"); // the thread is told there is work
  });

  test("INT_JOB_RUNNER=inline: the first job starts the one runner on this thread, later jobs reuse it", async () => {
    process.env.INT_JOB_RUNNER = "inline";
    await startJob();
    await startJob();
    expect(runners()).toBe(1);
  });

  test("INT_JOB_RUNNER=off: starting a job starts no runner (the setting is obeyed)", async () => {
    process.env.INT_JOB_RUNNER = "off";
    await startJob();
    expect(runners()).toBe(0);
  });
});
