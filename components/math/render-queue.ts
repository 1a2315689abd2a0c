// Work the browser does when it has time: rendering the math of steps a reader has not reached
// yet. Jobs run in order, a few milliseconds per slice, so key presses and scrolling are never
// queued behind a long trace's 1,500 formulas. A cancelled job (its step unmounted: the reader
// moved on to another trace) is skipped.

/** Rows of a long list (steps, aligned rows) whose math renders at once on a fresh mount; the rest wait. */
export const RENDER_AT_ONCE = 20;

type Job = { run: () => void; live: boolean };

const SLICE_MS = 8;
const queue: Job[] = [];
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (typeof requestIdleCallback === "function") requestIdleCallback(drain, { timeout: 50 });
  else setTimeout(drain, 0);
}

function drain(): void {
  scheduled = false;
  const end = performance.now() + SLICE_MS;
  while (queue.length > 0 && performance.now() < end) {
    const job = queue.shift()!;
    if (job.live) job.run();
  }
  if (queue.length > 0) schedule();
}

/** Queue `run`; the returned function cancels it if it has not run yet. */
export function whenIdle(run: () => void): () => void {
  const job: Job = { run, live: true };
  queue.push(job);
  schedule();
  return () => {
    job.live = false;
  };
}
