"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";
import { deleteDataset, renameDataset } from "@/lib/data/dataset-lifecycle";

// Rename and delete a dataset: admins only (issue 13 §1).

const Id = z.string().min(1).max(64);
const Name = z.string().max(400);

export const renameDatasetAction = defineAction(
  z.tuple([Id, Name]),
  { role: "admin", name: "renameDataset" },
  async ([datasetId, name], actor) => {
    try {
      const r = await renameDataset(datasetId, name, actor.name);
      if (!r.ok) return fail(r.error, { name: [r.error] });
      revalidatePath("/", "layout");
      return ok({ name: name.trim() });
    } catch (e) {
      console.error("[datasets] rename failed", { datasetId }, e);
      return fail("Could not rename the dataset; see the server log.");
    }
  },
);

export const deleteDatasetAction = defineAction(
  z.tuple([Id, Name]),
  { role: "admin", name: "deleteDataset" },
  async ([datasetId, confirmName], actor) => {
    try {
      const r = await deleteDataset(datasetId, confirmName, actor.name);
      if (!r.ok) return fail(r.error);
      revalidatePath("/", "layout");
      return ok({ deleted: confirmName });
    } catch (e) {
      console.error("[datasets] delete failed", { datasetId }, e);
      return fail("Could not delete the dataset; see the server log.");
    }
  },
);
