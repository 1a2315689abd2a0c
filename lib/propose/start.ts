import { getDataset } from "@/lib/data/datasets";
import { describeSelection, nothingToSend, type SelectionCounts } from "@/lib/core/propose/selection";
import { createJob } from "@/lib/data/job-lifecycle";
import { modelStatus } from "@/lib/model/settings";
import { EndpointId } from "@/lib/model/endpoints";
import { resolveProposeParams, type ProposeInput } from "./params";
import { proposeSelection } from "@/lib/data/propose-select";

// Create a propose job (the runner does the calls). Used by the CLI and by server actions:
// returns at once with the job id and what is sent and skipped, or a one-line reason when no
// model is configured or nothing would be sent (all correct, no reference).
export type StartPropose = ProposeInput & { datasetId: string; actor: string; concurrency?: number };

export type ProposeStarted = { ok: true; jobId: string; total: number; summary: string; counts: SelectionCounts };

/** How the UI and the CLI name the switches that include skipped traces. */
export type IncludeFlags = { includeCorrect: string; includeNoReference: string };
const UI_FLAGS: IncludeFlags = {
  includeCorrect: 'tick "include correct answers"',
  includeNoReference: 'tick "include traces without a reference"',
};

export async function startProposeJob(
  input: StartPropose,
  flags: IncludeFlags = UI_FLAGS,
): Promise<ProposeStarted | { ok: false; error: string }> {
  const status = await modelStatus(undefined, EndpointId.parse(input.endpoint ?? "model"));
  if (!status.configured) return { ok: false, error: status.reason };
  const ds = await getDataset(input.datasetId);
  if (!ds) return { ok: false, error: "Dataset not found; it may have been deleted" };
  const { datasetId, actor, concurrency, ...rest } = input;
  const params = await resolveProposeParams(rest);
  // decided here to word it; the job's plan() decides again from the same params
  const { counts } = await proposeSelection(params, datasetId);
  const none = nothingToSend(counts, flags);
  if (none) return { ok: false, error: none };
  const job = await createJob({
    kind: "propose",
    datasetId,
    params: { ...params, ...(concurrency ? { concurrency } : {}) },
    createdBy: actor,
  });
  return { ok: true, ...job, summary: describeSelection(counts), counts };
}
