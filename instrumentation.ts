// Next.js calls register() once when a server instance starts. The job runner lives in the
// Node.js server process only (never in the edge runtime, never in the browser), in its own
// thread (lib/jobs/server-runner.ts). It starts when there is work: at once if a previous process
// left jobs queued or running (they resume), else when a job is started or resumed
// (lib/jobs/runner-when-needed.ts). INT_JOB_RUNNER=off disables it.
export async function register() {
  // Next replaces this literal at build time (per runtime bundle); through env() it could not.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ startRunnerWhenNeeded }, { prisma }] = await Promise.all([
    import("@/lib/jobs/runner-when-needed"),
    import("@/lib/db"),
  ]);
  startRunnerWhenNeeded(async () => (await prisma.job.count({ where: { status: { in: ["queued", "running"] } } })) > 0);
}
