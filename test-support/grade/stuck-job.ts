import { fileURLToPath } from "node:url";
import type { GradeJob } from "@/lib/grade/protocol";

/** Pass as GradePool's `workerScript`: workers that honour `stuckJob`'s spin. */
export const STUCK_WORKER = fileURLToPath(new URL("./stuck-worker.mjs", import.meta.url));

/** A job that keeps its worker busy `ms` before grading (only under STUCK_WORKER). */
export function stuckJob(job: GradeJob, ms: number): GradeJob {
  return { ...job, spinMs: ms } as GradeJob;
}
