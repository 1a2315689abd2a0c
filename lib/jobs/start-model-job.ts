import { getDataset } from "@/lib/data/datasets";
import { createJob } from "@/lib/data/job-lifecycle";
import { modelStatus } from "@/lib/model/settings";
import type { EndpointId } from "@/lib/model/endpoints";
import type { JobKind } from "./types";

// Creating a model job (rollouts, sampling, on-policyness scoring): the checks they share, then
// the job. Used by the CLI and the server actions: returns at once with the job id, or a
// one-line reason. The runner makes the calls.

export type Started = { ok: true; jobId: string; total: number } | { ok: false; error: string };

export type StartWho = {
  datasetId: string | null;
  actor: string;
  concurrency?: number;
  /** the endpoint the job calls (default "model") */ endpoint?: EndpointId;
};

export async function startModelJob(
  kind: JobKind,
  who: StartWho & { hasTargets: boolean; what: string },
  resolveParams: () => Promise<Record<string, unknown>>,
): Promise<Started> {
  const status = await modelStatus(undefined, who.endpoint ?? "model");
  if (!status.configured) return { ok: false, error: status.reason };
  const { datasetId, actor, concurrency } = who;
  if (!datasetId && !who.hasTargets) return { ok: false, error: `Name a dataset or interventions to ${who.what}` };
  if (datasetId && !(await getDataset(datasetId))) {
    return { ok: false, error: "Dataset not found; it may have been deleted" };
  }
  const params = await resolveParams();
  const job = await createJob({
    kind,
    datasetId,
    params: { ...params, ...(concurrency ? { concurrency } : {}) },
    createdBy: actor,
  });
  return { ok: true, ...job };
}
