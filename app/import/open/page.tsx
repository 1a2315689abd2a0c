import { notFound, redirect } from "next/navigation";
import { findDatasetIdByName } from "@/lib/data/datasets";

export const dynamic = "force-dynamic";

// Link target after an upload when the import answer names the dataset only by name.
export default async function OpenDataset({ searchParams }: { searchParams: Promise<{ name?: string }> }) {
  const { name } = await searchParams;
  const id = name ? await findDatasetIdByName(name) : null;
  if (!id) notFound();
  redirect(`/datasets/${id}`);
}
