"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { startJobAction, type StartedJob } from "@/lib/actions/start-job";
import { CONDITIONS } from "@/lib/core/rollouts/conditions";
import { getInterventionPlace } from "@/lib/data/interventions";
import { Sampling } from "@/lib/model/sampling";
import { EndpointId } from "@/lib/model/endpoints";
import { startRolloutsJob, startSampleJob } from "@/lib/rollouts/start";

// "Run rollouts" (one intervention, or a dataset per condition) and "Sample attempts": create a
// job and return at once; the runner makes the calls, the UI polls the GET routes.

const RolloutsRequest = z
  .object({
    interventionId: z.string().min(1).max(64).optional(),
    datasetId: z.string().min(1).max(64).optional(),
    k: z.coerce.number().int().min(1).max(1024).optional(),
    minCorrect: z.coerce.number().int().min(1).optional(),
    conditions: z.array(z.enum(CONDITIONS)).min(1).optional(),
    statuses: z
      .array(z.enum(["proposed", "accepted", "edited", "rejected"]))
      .min(1)
      .optional(),
    limit: z.coerce.number().int().min(1).optional(),
    sampling: Sampling.partial().optional(),
  })
  .refine((r) => r.interventionId || r.datasetId, { message: "Name an intervention or a dataset" });
export type RolloutsRequest = z.infer<typeof RolloutsRequest>;

export const runRollouts = defineAction(
  RolloutsRequest,
  { role: "curator", name: "runRollouts", invalid: "Invalid request." },
  async (data, actor): Promise<StartedJob> => {
    const { interventionId, ...rest } = data;
    return startJobAction("rollouts", async () => {
      if (interventionId && !(await getInterventionPlace(interventionId))) {
        return { ok: false, error: "This intervention no longer exists." };
      }
      return startRolloutsJob({
        ...rest,
        ...(interventionId ? { interventionIds: [interventionId] } : {}),
        actor: actor.name,
      });
    });
  },
);

const SampleRequest = z.object({
  datasetId: z.string().min(1).max(64),
  endpoint: EndpointId.optional(),
  n: z.coerce.number().int().min(1).max(1024).optional(),
  withoutTraces: z.boolean().optional(),
  limit: z.coerce.number().int().min(1).optional(),
  sampling: Sampling.partial().optional(),
});

export const sampleAttempts = defineAction(
  SampleRequest,
  { role: "curator", name: "sampleAttempts", invalid: "Invalid request." },
  async (data, actor): Promise<StartedJob> =>
    startJobAction("sampling", async () => startSampleJob({ ...data, actor: actor.name })),
);
