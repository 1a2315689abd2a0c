import { revalidatePath } from "next/cache";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { startServerRunner, wakeRunner } from "@/lib/jobs/server-runner";

export type StartedJob = ActionResult<{ jobId: string; total: number; summary?: string }>;
type Start = () => Promise<{ ok: true; jobId: string; total: number; summary?: string } | { ok: false; error: string }>;

/**
 * What every "start a model job" action does after validating: create the job, wake the
 * server's runner and return at once. Expected refusals (no model, nothing selected) come back
 * as the one-line error; anything unexpected is logged and the user sees a generic message.
 */
export async function startJobAction(what: string, start: Start): Promise<StartedJob> {
  try {
    const started = await start();
    if (!started.ok) return fail(started.error);
    // The process's one runner (the thread instrumentation.ts started; idempotent), never a
    // second one on the render loop beside it: that ran model calls twice as wide.
    startServerRunner();
    wakeRunner();
    revalidatePath("/jobs");
    return ok({ jobId: started.jobId, total: started.total, ...(started.summary ? { summary: started.summary } : {}) });
  } catch (e) {
    console.error(`[${what}] start failed`, e);
    return fail(`Could not start the ${what} job; see the server log.`);
  }
}
