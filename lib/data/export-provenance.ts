import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pkg from "@/package.json";
import { buildProvenance, type Provenance } from "@/lib/core/export/provenance";
import { exportFormatSpec } from "@/lib/core/export/formats";
import { GRADER_VERSION, ROLLOUT_GRADE_RULE, ROLLOUT_PRED_MODE } from "@/lib/core/grade/version";
import { ExportFacts } from "./export-facts";
import { exportRows, newCounts, type ExportCounts, type ExportOptions } from "./export";

// provenance.json of an export, assembled from the facts the export gathered (export-facts.ts),
// the studio's version (package.json) and the grader's version + a hash of its source files.

export const STUDIO = { name: pkg.name, version: pkg.version };

let graderHash: string | null | undefined;
/** sha256 over lib/core/grade's source files (name + bytes, sorted): changes with any grader change. */
export function graderSourceSha256(root = process.cwd()): string | null {
  if (graderHash !== undefined) return graderHash;
  try {
    const dir = join(root, "lib", "core", "grade");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).sort();
    const h = createHash("sha256");
    for (const f of files) h.update(f).update("\0").update(readFileSync(join(dir, f))).update("\0");
    graderHash = files.length ? h.digest("hex") : null;
  } catch {
    graderHash = null; // not run from a checkout: the named version still says which grader
  }
  return graderHash;
}

export function provenanceOf(o: ExportOptions, dataset: { id: string; name: string }, counts: ExportCounts, facts: ExportFacts, files: string[]): Provenance {
  return buildProvenance({
    studio: STUDIO,
    exportedAt: new Date().toISOString(),
    dataset,
    options: {
      filter: { ...(o.filter ?? {}) },
      verifiedOnly: o.verifiedOnly === true,
      chatTemplate: exportFormatSpec(o.format).tokenized ? (o.template ?? null) : null,
      files,
    },
    counts,
    facts: facts.result(),
    grader: { version: GRADER_VERSION, sourceSha256: graderSourceSha256(), rolloutMode: ROLLOUT_PRED_MODE, rolloutRule: ROLLOUT_GRADE_RULE },
  });
}

/** Runs the export without keeping its rows and returns its provenance (web: the notes beside a download). */
export async function exportProvenance(o: ExportOptions, dataset: { id: string; name: string }, files: string[]): Promise<Provenance> {
  const facts = new ExportFacts(dataset.id);
  const counts = newCounts(o);
  for await (const _ of exportRows({ ...o, facts }, counts)) void _;
  return provenanceOf(o, dataset, counts, facts, files);
}

export const provenanceJson = (p: Provenance) => JSON.stringify(p, null, 2) + "\n";
