import { startServerRunner } from "./server-runner";

// The runner thread costs the server about 60 MB of memory (its own V8 heap, Prisma and SQLite),
// measured on an idle `next start`: 252 MB with it, 191 MB without. So the server starts it only
// when there is work: now, if a job is queued or running (one left by a previous process resumes
// at once), else when an action starts or resumes a job (they call startServerRunner), or when a
// check every `everyMs` finds one (a job whose CLI process died keeps its items running until a
// runner recovers their leases). Once started it stays.

export type ActiveJobsCheck = () => Promise<boolean>;

export function startRunnerWhenNeeded(
  hasActiveJobs: ActiveJobsCheck,
  opts: { everyMs?: number; start?: () => void } = {},
): () => void {
  const start = opts.start ?? startServerRunner;
  let stopped = false;
  const check = async () => {
    if (stopped) return;
    try {
      if (!(await hasActiveJobs())) return;
    } catch (e) {
      console.error("[jobs] could not look for active jobs; starting the runner", e);
    }
    stopped = true;
    clearInterval(timer);
    start();
  };
  const timer = setInterval(() => void check(), opts.everyMs ?? 15_000);
  timer.unref?.();
  void check();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
