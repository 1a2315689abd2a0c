"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { startJobAction, type StartedJob } from "@/lib/actions/start-job";
import { startOnpolicyJob } from "@/lib/onpolicy/start";

// "Score on-policyness": an "onpolicy" job over a dataset's non-rejected interventions (only
// the unscored ones, or all of them again); returns at once, the analysis panel polls it.

const OnpolicyRequest = z.object({
  datasetId: z.string().min(1).max(64),
  scope: z.enum(["unscored", "all"]).default("unscored"),
});

export const scoreOnpolicy = defineAction(
  OnpolicyRequest,
  { role: "curator", name: "scoreOnpolicy", invalid: "Invalid request." },
  async (data, actor): Promise<StartedJob> =>
    startJobAction("on-policyness", async () => startOnpolicyJob({ ...data, actor: actor.name })),
);
