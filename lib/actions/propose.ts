"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { startJobAction, type StartedJob } from "@/lib/actions/start-job";
import { TraceFilter } from "@/lib/core/filters";
import { Sampling } from "@/lib/model/sampling";
import { startProposeJob } from "@/lib/propose/start";
import { Turn1Mode } from "@/lib/propose/params";
import { EndpointId } from "@/lib/model/endpoints";

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
  includeCorrect: z.boolean().optional(),
  includeNoReference: z.boolean().optional(),
  /** which endpoint writes the proposals (default the base model); recorded on the job and each proposal */
  endpoint: EndpointId.optional(),
  turn1: Turn1Mode.optional(),
});
export type ProposeRequest = z.infer<typeof ProposeRequest>;

export const proposeInterventions = defineAction(
  ProposeRequest,
  { role: "curator", name: "proposeInterventions", invalid: "Invalid request." },
  async (data, actor): Promise<StartedJob> =>
    startJobAction("proposal", async () => startProposeJob({ ...data, actor: actor.name })),
);
