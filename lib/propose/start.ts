import { prisma } from "@/lib/db";
import { createJob } from "@/lib/jobs/lifecycle";
import { modelStatus } from "@/lib/model/settings";
import { EndpointId } from "@/lib/model/endpoints";
import { resolveProposeParams, type ProposeInput } from "./params";

// Create a propose job (the runner does the calls). Used by the CLI and by server actions:
// returns at once with the job id, or a one-line reason when no model is configured.
export type StartPropose = ProposeInput & { datasetId: string; actor: string; concurrency?: number };

export async function startProposeJob(input: StartPropose): Promise<{ ok: true; jobId: string; total: number } | { ok: false; error: string }> {
  const status = await modelStatus(undefined, EndpointId.parse(input.endpoint ?? "model"));
  if (!status.configured) return { ok: false, error: status.reason };
  const ds = await prisma.dataset.findUnique({ where: { id: input.datasetId }, select: { id: true } });
  if (!ds) return { ok: false, error: "Dataset not found; it may have been deleted" };
  const { datasetId, actor, concurrency, ...rest } = input;
  const params = await resolveProposeParams(rest);
  const job = await createJob({
    kind: "propose",
    datasetId,
    params: { ...params, ...(concurrency ? { concurrency } : {}) },
    createdBy: actor,
  });
  return { ok: true, ...job };
}
