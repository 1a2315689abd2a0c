import { startModelJob, type Started } from "@/lib/jobs/start-model-job";
import { resolveOnpolicyParams, type OnpolicyInput } from "./params";

// Create an "onpolicy" scoring job (the runner makes the calls). Used by the CLI and the server
// action: returns at once with the job id, or a one-line reason.

export async function startOnpolicyJob(
  input: OnpolicyInput & { datasetId?: string | null; actor: string; concurrency?: number },
): Promise<Started> {
  const { datasetId = null, actor, concurrency, ...rest } = input;
  return startModelJob(
    "onpolicy",
    { datasetId, actor, concurrency, hasTargets: !!rest.interventionIds?.length, what: "score" },
    () => resolveOnpolicyParams(rest),
  );
}
