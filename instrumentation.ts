// Next.js calls register() once when a server instance starts. The job runner lives in the
// Node.js server process only (never in the edge runtime, never in the browser), so that
// jobs left queued or running by a previous process resume as soon as the dashboard is up.
// The runner gets its own thread (lib/jobs/server-runner.ts); INT_JOB_RUNNER=off disables it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRunner } = await import("@/lib/jobs/server-runner");
  startServerRunner();
}
