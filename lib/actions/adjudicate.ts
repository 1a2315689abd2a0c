"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AuthError, requireRole } from "@/lib/auth/actor";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { setFinalLabel } from "@/lib/data/final-label";

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

export async function setFinalLabelAction(input: SetFinalLabelInput): Promise<ActionResult<{ step: number | null; version: number }>> {
  const parsed = SetFinalLabelInput.safeParse(input);
  if (!parsed.success) return fail("Invalid final label.", z.flattenError(parsed.error).fieldErrors);
  try {
    const actor = await requireRole("curator");
    const r = await setFinalLabel({ ...parsed.data, actor: actor.name });
    if (!r.ok) return fail(r.reason);
    revalidatePath("/datasets", "layout");
    return ok({ step: r.value.step, version: r.value.version });
  } catch (e) {
    if (e instanceof AuthError) return fail(e.message);
    console.error("[adjudicate] set final label failed", { traceId: parsed.data.traceId }, e);
    return fail("Could not save the final label; see the server log.");
  }
}
