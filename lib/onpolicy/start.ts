import { prisma } from "@/lib/db";
import { createJob } from "@/lib/jobs/lifecycle";
import { modelStatus } from "@/lib/model/settings";
import { resolveOnpolicyParams, type OnpolicyInput } from "./params";

// Create an "onpolicy" scoring job (the runner makes the calls). Used by the CLI and the server
// action: returns at once with the job id, or a one-line reason.
type Started = { ok: true; jobId: string; total: number } | { ok: false; error: string };

export async function startOnpolicyJob(input: OnpolicyInput & { datasetId?: string | null; actor: string; concurrency?: number }): Promise<Started> {
  const status = await modelStatus();
  if (!status.configured) return { ok: false, error: status.reason };
  const { datasetId = null, actor, concurrency, ...rest } = input;
  if (!datasetId && !rest.interventionIds?.length) return { ok: false, error: "Name a dataset or interventions to score" };
  if (datasetId && !(await prisma.dataset.findUnique({ where: { id: datasetId }, select: { id: true } }))) {
    return { ok: false, error: "Dataset not found; it may have been deleted" };
  }
  const params = await resolveOnpolicyParams(rest);
  const job = await createJob({ kind: "onpolicy", datasetId, params: { ...params, ...(concurrency ? { concurrency } : {}) }, createdBy: actor });
  return { ok: true, ...job };
}
