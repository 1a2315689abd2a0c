"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/server/actor";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { deleteDataset, renameDataset } from "@/lib/data/dataset-lifecycle";

// Rename and delete a dataset. Single-user mode: whoever runs the studio may do both; the
// team server will reserve them to admins (issue 13).

const Id = z.string().min(1).max(64);
const Name = z.string().max(400);

export async function renameDatasetAction(datasetId: string, name: string): Promise<ActionResult<{ name: string }>> {
  const id = Id.safeParse(datasetId), n = Name.safeParse(name);
  if (!id.success || !n.success) return fail("Invalid dataset or name.");
  try {
    const r = await renameDataset(id.data, n.data, await getActor());
    if (!r.ok) return fail(r.error, { name: [r.error] });
    revalidatePath("/", "layout");
    return ok({ name: n.data.trim() });
  } catch (e) {
    console.error("[datasets] rename failed", { datasetId }, e);
    return fail("Could not rename the dataset; see the server log.");
  }
}

export async function deleteDatasetAction(datasetId: string, confirmName: string): Promise<ActionResult<{ deleted: string }>> {
  const id = Id.safeParse(datasetId), n = Name.safeParse(confirmName);
  if (!id.success || !n.success) return fail("Invalid dataset or name.");
  try {
    const r = await deleteDataset(id.data, n.data, await getActor());
    if (!r.ok) return fail(r.error);
    revalidatePath("/", "layout");
    return ok({ deleted: n.data });
  } catch (e) {
    console.error("[datasets] delete failed", { datasetId }, e);
    return fail("Could not delete the dataset; see the server log.");
  }
}
