"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { readSetting, writeSettingsAudited } from "@/lib/data/settings";
import { getActor } from "@/lib/server/actor";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { Turn1Mode, TURN1_MODE_SETTING } from "@/lib/propose/params";

// /settings, "Proposals": the default turn-1 mode of new propose jobs and batch exports
// (shared = the reference's one turn 1 + one n=K turn 2; independent = K turn-1s).

const Turn1Form = z.object({ turn1: Turn1Mode });

export async function saveTurn1Mode(_prev: unknown, form: FormData): Promise<ActionResult<{ turn1: Turn1Mode }>> {
  const r = Turn1Form.safeParse(Object.fromEntries(form));
  if (!r.success) return fail("Pick shared or independent.", z.flattenError(r.error).fieldErrors as Record<string, string[]>);
  const before = await readSetting(TURN1_MODE_SETTING);
  await writeSettingsAudited({ [TURN1_MODE_SETTING]: r.data.turn1 }, {
    actor: await getActor(), action: "settings.propose", entityId: TURN1_MODE_SETTING, before, after: r.data.turn1,
  });
  revalidatePath("/settings");
  return ok({ turn1: r.data.turn1 });
}
