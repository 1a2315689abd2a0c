"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { getActor } from "@/lib/server/actor";
import { Refused } from "@/lib/data/audit";
import { setSameMistake, type SameMistakeDecision } from "@/lib/data/compare";

// The researcher confirms or clears the "same mistake" flag of a (base, other) trace pair.
const Id = z.string().min(1).max(64);
const State = z.enum(["confirmed", "cleared"]);
const Input = z.object({
  datasetId: Id, problemId: Id, baseTraceId: Id, otherTraceId: Id,
  state: State.nullable(), expected: State.nullable(), step: z.number().int().min(1).nullable(),
});

export async function decideSameMistake(raw: z.input<typeof Input>): Promise<ActionResult<SameMistakeDecision | null>> {
  const p = Input.safeParse(raw);
  if (!p.success) return fail("Invalid input", z.flattenError(p.error).fieldErrors as Record<string, string[]>);
  const { datasetId, ...input } = p.data;
  try {
    const after = await setSameMistake({ ...input, actor: await getActor() });
    revalidatePath(`/datasets/${datasetId}/compare/${input.problemId}`);
    return ok(after);
  } catch (e) {
    if (e instanceof Refused) return fail(e.message);
    console.error("decideSameMistake", e);
    return fail("Could not save the decision; try again");
  }
}
