"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/server/actor";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { TraceFilter } from "@/lib/core/filters";
import { ensureRunner, wakeRunner } from "@/lib/jobs/server-runner";
import { Sampling } from "@/lib/model/sampling";
import { startProposeJob } from "@/lib/propose/start";

// "Find first error" (one trace) and "propose for the selection / the filtered list": creates a
// propose job and returns at once; the runner makes the model calls, the page polls /api/jobs/[id].
// With no model configured the one-line reason (how to start vLLM) comes back as the error.

const ProposeRequest = z.object({
  datasetId: z.string().min(1).max(64),
  traceIds: z.array(z.string().min(1).max(64)).min(1).max(100_000).optional(),
  filter: TraceFilter.optional(),
  k: z.coerce.number().int().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).optional(),
  sampling: Sampling.partial().optional(),
  skipDone: z.boolean().optional(),
});
export type ProposeRequest = z.infer<typeof ProposeRequest>;

export async function proposeInterventions(input: ProposeRequest): Promise<ActionResult<{ jobId: string; total: number }>> {
  const r = ProposeRequest.safeParse(input);
  if (!r.success) return fail("Invalid request.", z.flattenError(r.error).fieldErrors as Record<string, string[]>);
  try {
    const started = await startProposeJob({ ...r.data, actor: await getActor() });
    if (!started.ok) return fail(started.error);
    ensureRunner();
    wakeRunner();
    revalidatePath("/jobs");
    return ok({ jobId: started.jobId, total: started.total });
  } catch (e) {
    console.error("[propose] start failed", e);
    return fail("Could not start the proposal job; see the server log.");
  }
}
