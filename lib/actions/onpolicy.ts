"use server";
import { z } from "zod";
import { getActor } from "@/lib/server/actor";
import { fail } from "@/lib/actions/result";
import { startJobAction, type StartedJob } from "@/lib/actions/start-job";
import { startOnpolicyJob } from "@/lib/onpolicy/start";

// "Score on-policyness": an "onpolicy" job over a dataset's non-rejected interventions (only
// the unscored ones, or all of them again); returns at once, the analysis panel polls it.

const OnpolicyRequest = z.object({
  datasetId: z.string().min(1).max(64),
  scope: z.enum(["unscored", "all"]).default("unscored"),
});

export async function scoreOnpolicy(input: z.input<typeof OnpolicyRequest>): Promise<StartedJob> {
  const r = OnpolicyRequest.safeParse(input);
  if (!r.success) return fail("Invalid request.", z.flattenError(r.error).fieldErrors as Record<string, string[]>);
  return startJobAction("on-policyness", async () => startOnpolicyJob({ ...r.data, actor: await getActor() }));
}
