import { startModelJob, type Started } from "@/lib/jobs/start-model-job";
import { resolveRolloutParams, resolveSampleParams, type RolloutInput, type SampleInput } from "./params";

// Create a rollouts / sample job (the runner does the calls). Used by the CLI and the server
// actions: returns at once with the job id, or a one-line reason.
type Who = { actor: string; concurrency?: number };

export async function startRolloutsJob(input: RolloutInput & Who & { datasetId?: string | null }): Promise<Started> {
  const { datasetId = null, actor, concurrency, ...rest } = input;
  return startModelJob(
    "rollouts",
    { datasetId, actor, concurrency, hasTargets: !!rest.interventionIds?.length, what: "roll out" },
    () => resolveRolloutParams(rest),
  );
}

export async function startSampleJob(input: SampleInput & Who & { datasetId: string }): Promise<Started> {
  const { datasetId, actor, concurrency, ...rest } = input;
  const endpoint = rest.endpoint ?? "model";
  return startModelJob("sample", { datasetId, actor, concurrency, endpoint, hasTargets: false, what: "sample" }, () =>
    resolveSampleParams(rest),
  );
}
