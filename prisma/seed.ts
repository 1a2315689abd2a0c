// Idempotent seed: when the database has no dataset, import the project's own demo data
// (every file in prisma/demo/) into the dataset "demo", through the same importer users run.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { prisma } from "@/lib/db";
import { importFile } from "@/lib/import";

export const DEMO_DATASET = "demo";

export function demoDir(): string {
  return join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "demo");
}

/** Imports prisma/demo/* into "demo" when there is no dataset yet; returns a summary, or null when nothing was done. */
export async function seedIfEmpty(dir = demoDir()): Promise<string | null> {
  if ((await prisma.dataset.count()) > 0) return null;
  const files = readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => /\.(jsonl|json|parquet)$/i.test(f))
    .sort();
  const parts: string[] = [];
  for (const f of files) {
    const r = await importFile(join(dir, f), { dataset: DEMO_DATASET, format: "auto", actor: "seed" });
    if (!r.ok)
      throw new Error(
        `demo data ${f} does not import:\n${r.errors.map((e) => `  ${e.file}:${e.line} ${e.field}: ${e.message}`).join("\n")}`,
      );
    parts.push(`${f}: ${r.problems} problems, ${r.traces} traces, ${r.interventions} interventions`);
  }
  return parts.length ? `${DEMO_DATASET} (${parts.join("; ")})` : null;
}

// `npm run db:seed`
if (process.argv[1] && /prisma[\\/]seed\.ts$/.test(process.argv[1])) {
  seedIfEmpty()
    .then((s) => console.log(s ? `seeded ${s}` : "database not empty: nothing seeded"))
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
