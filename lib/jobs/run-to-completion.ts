import { JobRunner, type RunnerOptions } from "./runner";
import * as store from "@/lib/data/job-store";
import { getHandler } from "./registry";
import { jobKind } from "@/lib/data/jobs";
import type { JobProgress } from "./types";

// Run one job in this process until it settles (done, failed, paused or cancelled): the CLI and
// the benchmark use it. Items another process left running are picked up once their lease expires.

export type RunToCompletionOptions = RunnerOptions & { onProgress?: (p: JobProgress) => void; progressMs?: number };

export async function runJobToCompletion(jobId: string, opts: RunToCompletionOptions = {}): Promise<JobProgress> {
  const { onProgress, progressMs = 1000, ...runnerOpts } = opts;
  const kind = await jobKind(jobId);
  if (kind === null) throw new Error(`job ${jobId} not found`);
  if (!(await getHandler(kind))) throw new Error(`no handler for job kind "${kind}" in this process`);
  const runner = new JobRunner({ pollMs: 250, ...runnerOpts, onlyJobId: jobId });
  const report = async () => {
    const p = await store.progress(jobId);
    if (p) onProgress?.(p);
    return p;
  };
  runner.start();
  const t = onProgress ? setInterval(() => void report().catch(() => {}), progressMs) : undefined;
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      await runner.settled(jobId);
      const status = await store.jobStatus(jobId);
      if (!status) throw new Error(`job ${jobId} not found`);
      if (status !== "queued" && status !== "running") break;
    }
  } finally {
    clearInterval(t);
    await runner.stop();
  }
  const final = await report();
  if (!final) throw new Error(`job ${jobId} not found`);
  return final;
}
