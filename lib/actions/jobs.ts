"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";
import type { Actor } from "@/lib/auth/actor";
import { transitionJob } from "@/lib/data/job-lifecycle";
import { startServerRunner, wakeRunner } from "@/lib/jobs/server-runner";

// Jobs from the UI: cancel / pause / resume only change the job's state (curators; starting a job is the
// propose / rollouts / sampling / on-policyness actions, also curators).

const JobId = z.string().min(1).max(64);

async function transition(
  op: "cancel" | "pause" | "resume",
  jobId: string,
  actor: Actor,
  opts?: { retryFailed?: boolean },
): Promise<ActionResult<{ jobId: string }>> {
  try {
    const r = await transitionJob(jobId, op, actor.name, opts);
    if (!r.ok) return fail(r.error);
    if (op === "resume") {
      startServerRunner();
      wakeRunner();
    }
    revalidatePath("/jobs");
    revalidatePath(`/jobs/${jobId}`);
    return ok({ jobId });
  } catch (e) {
    console.error(`[jobs] ${op} failed`, e);
    return fail(`Could not ${op} the job; see the server log.`);
  }
}

export const cancelJob = defineAction(
  z.tuple([JobId]),
  { role: "curator", name: "cancelJob" },
  async ([jobId], actor) => transition("cancel", jobId, actor),
);
export const pauseJob = defineAction(z.tuple([JobId]), { role: "curator", name: "pauseJob" }, async ([jobId], actor) =>
  transition("pause", jobId, actor),
);
export const resumeJob = defineAction(
  z.tuple([JobId, z.object({ retryFailed: z.boolean().optional() }).optional()]),
  { role: "curator", name: "resumeJob" },
  async ([jobId, opts], actor) => transition("resume", jobId, actor, { retryFailed: opts?.retryFailed === true }),
);
