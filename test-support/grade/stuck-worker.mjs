// A grading worker for tests and benchmarks of the pool's kill path (GradePool's `workerScript`):
// the real worker (lib/grade/worker-main.ts), except that a job carrying `spinMs` first spins that
// long, a stand-in for an engine call that never checks its deadline. Kept out of lib/ so the
// product worker has no test hook.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
// Registered before the real worker's listener: Node calls listeners in order, so the spin
// blocks the thread before the job is graded.
parentPort.on("message", (job) => {
  if (!job.spinMs) return;
  const end = Date.now() + job.spinMs;
  while (Date.now() < end) {
    /* stuck */
  }
});
await import("../../lib/grade/worker-main.ts");
