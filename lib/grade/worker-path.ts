import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { env } from "@/lib/env";

/**
 * The worker entry (plain .mjs, loaded by Node itself): beside this module under tsx/vitest, or
 * under the working directory when this module has been bundled (the Next server).
 */
export function workerPath(): string {
  const configured = env().INT_GRADE_WORKER;
  if (configured) return configured;
  try {
    const beside = join(dirname(fileURLToPath(import.meta.url)), "worker.mjs");
    if (existsSync(beside)) return beside;
  } catch {
    /* bundled: import.meta.url is not a file */
  }
  return join(process.cwd(), "lib", "grade", "worker.mjs");
}
