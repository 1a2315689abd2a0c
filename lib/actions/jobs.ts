"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/server/actor";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { transitionJob } from "@/lib/jobs/lifecycle";
import { startServerRunner, wakeRunner } from "@/lib/jobs/server-runner";

// Jobs from the UI: cancel / pause / resume only change the job's state (the runner does the
// work and the page polls /api/jobs/[jobId]); each stage starts its jobs through start-job.ts.

const JobId = z.string().min(1).max(64);

async function transition(op: "cancel" | "pause" | "resume", jobId: string, opts?: { retryFailed?: boolean }): Promise<ActionResult<{ jobId: string }>> {
  const id = JobId.safeParse(jobId);
  if (!id.success) return fail("Invalid job id.");
  try {
    const r = await transitionJob(id.data, op, await getActor(), opts);
    if (!r.ok) return fail(r.error);
    if (op === "resume") {
      startServerRunner();
      wakeRunner();
    }
    revalidatePath("/jobs");
    revalidatePath(`/jobs/${id.data}`);
    return ok({ jobId: id.data });
  } catch (e) {
    console.error(`[jobs] ${op} failed`, e);
    return fail(`Could not ${op} the job; see the server log.`);
  }
}

export async function cancelJob(jobId: string) {
  return transition("cancel", jobId);
}
export async function pauseJob(jobId: string) {
  return transition("pause", jobId);
}
export async function resumeJob(jobId: string, opts: { retryFailed?: boolean } = {}) {
  return transition("resume", jobId, { retryFailed: opts.retryFailed === true });
}
