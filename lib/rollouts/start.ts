import { prisma } from "@/lib/db";
import { createJob } from "@/lib/jobs/lifecycle";
import { modelStatus } from "@/lib/model/settings";
import { resolveRolloutParams, resolveSampleParams, type RolloutInput, type SampleInput } from "./params";

// Create a rollouts / sample job (the runner does the calls). Used by the CLI and the server
// actions: returns at once with the job id, or a one-line reason.
type Started = { ok: true; jobId: string; total: number } | { ok: false; error: string };
type Who = { actor: string; concurrency?: number };

export async function startRolloutsJob(input: RolloutInput & Who & { datasetId?: string | null }): Promise<Started> {
  const status = await modelStatus();
  if (!status.configured) return { ok: false, error: status.reason };
  const { datasetId = null, actor, concurrency, ...rest } = input;
  if (!datasetId && !rest.interventionIds?.length) return { ok: false, error: "Name a dataset or interventions to roll out" };
  if (datasetId && !(await prisma.dataset.findUnique({ where: { id: datasetId }, select: { id: true } }))) {
    return { ok: false, error: "Dataset not found; it may have been deleted" };
  }
  const params = await resolveRolloutParams(rest);
  const job = await createJob({ kind: "rollouts", datasetId, params: { ...params, ...(concurrency ? { concurrency } : {}) }, createdBy: actor });
  return { ok: true, ...job };
}

export async function startSampleJob(input: SampleInput & Who & { datasetId: string }): Promise<Started> {
  const status = await modelStatus();
  if (!status.configured) return { ok: false, error: status.reason };
  const { datasetId, actor, concurrency, ...rest } = input;
  if (!(await prisma.dataset.findUnique({ where: { id: datasetId }, select: { id: true } }))) {
    return { ok: false, error: "Dataset not found; it may have been deleted" };
  }
  const params = await resolveSampleParams(rest);
  const job = await createJob({ kind: "sample", datasetId, params: { ...params, ...(concurrency ? { concurrency } : {}) }, createdBy: actor });
  return { ok: true, ...job };
}
