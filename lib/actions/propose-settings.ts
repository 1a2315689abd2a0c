"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { readSetting, writeSettingsAudited } from "@/lib/data/settings";
import { ok } from "@/lib/actions/result";
import { defineFormAction } from "@/lib/actions/define-action";
import { Turn1Mode, TURN1_MODE_SETTING } from "@/lib/propose/params";

// /settings, "Proposals": the default turn-1 mode of new propose jobs and batch exports
// (shared = the reference's one turn 1 + one n=K turn 2; independent = K turn-1s).

const Turn1Form = z.object({ turn1: Turn1Mode });

export const saveTurn1Mode = defineFormAction(
  Turn1Form,
  { role: "admin", name: "saveTurn1Mode", invalid: "Pick shared or independent." },
  async (data, actor) => {
    const before = await readSetting(TURN1_MODE_SETTING);
    await writeSettingsAudited(
      { [TURN1_MODE_SETTING]: data.turn1 },
      {
        actor: actor.name,
        action: "settings.propose",
        entityId: TURN1_MODE_SETTING,
        before,
        after: data.turn1,
      },
    );
    revalidatePath("/settings");
    return ok({ turn1: data.turn1 });
  },
);
