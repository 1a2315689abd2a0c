"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { offLoop } from "@/lib/data/off-loop";

// The adjudicator sets a trace's final first-error label (curators and admins).

const SetFinalLabelInput = z.object({
  traceId: z.string().min(1).max(64),
  step: z.number().int().min(1).nullable(),
  checkFactual: z.boolean().nullable().optional(),
  checkNotRecovered: z.boolean().nullable().optional(),
  note: z.string().max(10_000).optional(),
  from: z.string().max(500).nullable().optional(),
  expectedVersion: z.number().int().min(0).nullable(),
});
export type SetFinalLabelInput = z.infer<typeof SetFinalLabelInput>;

export const setFinalLabelAction = defineAction(
  SetFinalLabelInput,
  { role: "curator", name: "setFinalLabel", invalid: "Invalid final label." },
  async (input, actor): Promise<ActionResult<{ step: number | null; version: number }>> => {
    const r = await offLoop(actor, "setFinalLabel", { ...input, actor: actor.name });
    if (!r.ok) return fail(r.reason);
    revalidatePath("/datasets", "layout");
    return ok({ step: r.value.step, version: r.value.version });
  },
);
