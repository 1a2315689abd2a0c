"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/server/actor";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { CONDITIONS } from "@/lib/core/rollouts/conditions";
import { prisma } from "@/lib/db";
import { ensureRunner, wakeRunner } from "@/lib/jobs/server-runner";
import { Sampling } from "@/lib/model/sampling";
import { startRolloutsJob, startSampleJob } from "@/lib/rollouts/start";

// "Run rollouts" (one intervention, or a dataset per condition) and "Sample attempts": create a
// job and return at once; the runner makes the calls, the UI polls the GET routes.

const RolloutsRequest = z.object({
  interventionId: z.string().min(1).max(64).optional(),
  datasetId: z.string().min(1).max(64).optional(),
  k: z.coerce.number().int().min(1).max(1024).optional(),
  minCorrect: z.coerce.number().int().min(1).optional(),
  conditions: z.array(z.enum(CONDITIONS)).min(1).optional(),
  sampling: Sampling.partial().optional(),
}).refine((r) => r.interventionId || r.datasetId, { message: "Name an intervention or a dataset" });
export type RolloutsRequest = z.infer<typeof RolloutsRequest>;

type Started = ActionResult<{ jobId: string; total: number }>;

export async function runRollouts(input: RolloutsRequest): Promise<Started> {
  const r = RolloutsRequest.safeParse(input);
  if (!r.success) return fail("Invalid request.", z.flattenError(r.error).fieldErrors as Record<string, string[]>);
  const { interventionId, ...rest } = r.data;
  try {
    if (interventionId && !(await prisma.intervention.findUnique({ where: { id: interventionId }, select: { id: true } }))) {
      return fail("This intervention no longer exists.");
    }
    const started = await startRolloutsJob({ ...rest, ...(interventionId ? { interventionIds: [interventionId] } : {}), actor: await getActor() });
    if (!started.ok) return fail(started.error);
    ensureRunner();
    wakeRunner();
    revalidatePath("/jobs");
    return ok({ jobId: started.jobId, total: started.total });
  } catch (e) {
    console.error("[rollouts] start failed", e);
    return fail("Could not start the rollouts job; see the server log.");
  }
}

const SampleRequest = z.object({
  datasetId: z.string().min(1).max(64),
  n: z.coerce.number().int().min(1).max(1024).optional(),
  withoutTraces: z.boolean().optional(),
  sampling: Sampling.partial().optional(),
});

export async function sampleAttempts(input: z.infer<typeof SampleRequest>): Promise<Started> {
  const r = SampleRequest.safeParse(input);
  if (!r.success) return fail("Invalid request.", z.flattenError(r.error).fieldErrors as Record<string, string[]>);
  try {
    const started = await startSampleJob({ ...r.data, actor: await getActor() });
    if (!started.ok) return fail(started.error);
    ensureRunner();
    wakeRunner();
    revalidatePath("/jobs");
    return ok({ jobId: started.jobId, total: started.total });
  } catch (e) {
    console.error("[sample] start failed", e);
    return fail("Could not start the sampling job; see the server log.");
  }
}
