// Idempotent seed: when the database has no dataset, import the project's own demo data
// (prisma/demo/) through the same importer users run. Owned by the import code.
import { prisma } from "@/lib/db";

export async function seedIfEmpty(): Promise<string | null> {
  if ((await prisma.dataset.count()) > 0) return null;
  return null; // replaced when the importer lands
}
