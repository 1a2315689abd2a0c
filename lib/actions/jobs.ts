"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDataset } from "@/lib/data/datasets";
import { getActor } from "@/lib/server/actor";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { createJob, transitionJob } from "@/lib/data/job-lifecycle";
import { getHandler } from "@/lib/jobs/registry";
import { startServerRunner, wakeRunner } from "@/lib/jobs/server-runner";

// Jobs from the UI: start returns at once with the job id (the runner does the work and the
// page polls /api/jobs/[jobId]); cancel / pause / resume only change the job's state.

const Kind = z.enum(["propose", "rollouts", "sample"]);
const Params = z.record(z.string(), z.unknown());
// What to work on: a dataset, optionally narrowed to some traces or to the list's filters
// (lib/core/filters TraceFilter); merged into the params the stage's plan() reads.
const Selection = z.object({
  datasetId: z.string().min(1).nullable().optional(),
  traceIds: z.array(z.string().min(1)).max(100_000).optional(),
  filter: z.record(z.string(), z.unknown()).optional(),
});
export type JobSelection = z.infer<typeof Selection>;
const JobId = z.string().min(1).max(64);

export async function startJob(kind: string, params: Record<string, unknown>, selection: JobSelection = {}): Promise<ActionResult<{ jobId: string; total: number }>> {
  const k = Kind.safeParse(kind);
  const p = Params.safeParse(params ?? {});
  const s = Selection.safeParse(selection ?? {});
  if (!k.success) return fail(`Unknown job kind "${String(kind)}".`);
  if (!p.success || !s.success) return fail("Invalid job parameters.", { ...(p.error ? { params: [p.error.message] } : {}), ...(s.error ? { selection: [s.error.message] } : {}) });
  const datasetId = s.data.datasetId ?? null;
  if (datasetId && !(await getDataset(datasetId))) return fail("That dataset no longer exists.");
  if (!(await getHandler(k.data))) return fail(`The ${k.data} stage is not available in this server.`);
  const { traceIds, filter } = s.data;
  const merged = { ...p.data, ...(traceIds ? { traceIds } : {}), ...(filter ? { filter } : {}) };
  try {
    const actor = await getActor();
    const res = await createJob({ kind: k.data, params: merged, datasetId, createdBy: actor });
    startServerRunner();
    wakeRunner();
    revalidatePath("/jobs");
    return ok(res);
  } catch (e) {
    // Bad params surface from the stage's plan() (zod): show them in one line.
    if (e instanceof z.ZodError) return fail(`Invalid ${k.data} parameters: ${e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    console.error("[jobs] startJob failed", e);
    return fail("Could not start the job; see the server log.");
  }
}

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
