"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";
import { Refused } from "@/lib/data/audit";
import { setSameMistake } from "@/lib/data/compare";

// The researcher confirms or clears the "same mistake" flag of a (base, other) trace pair: a label, so annotators may.
const Id = z.string().min(1).max(64);
const State = z.enum(["confirmed", "cleared"]);
const Input = z.object({
  datasetId: Id,
  problemId: Id,
  baseTraceId: Id,
  otherTraceId: Id,
  state: State.nullable(),
  expected: State.nullable(),
  step: z.number().int().min(1).nullable(),
});

export const decideSameMistake = defineAction(
  Input,
  { role: "annotator", name: "decideSameMistake" },
  async ({ datasetId, ...input }, actor) => {
    try {
      const after = await setSameMistake({ ...input, actor: actor.name });
      revalidatePath(`/datasets/${datasetId}/compare/${input.problemId}`);
      return ok(after);
    } catch (e) {
      if (e instanceof Refused) return fail(e.message);
      console.error("decideSameMistake", e);
      return fail("Could not save the decision; try again");
    }
  },
);
