import { createJob } from "@/lib/data/job-lifecycle";
import { runJobToCompletion } from "@/lib/jobs/run-to-completion";

// A job of the fake handler (./jobs.ts `fakeHandler("sample", ...)`) run to its end with short
// poll, control and backoff timings, so a test of retries and failures takes milliseconds, not the
// production backoff's seconds.
export async function runFakeSampleJob(params: { n: number; concurrency: number; maxAttempts: number }) {
  const { jobId } = await createJob({ kind: "sample", params, datasetId: null, createdBy: "test" });
  const progress = await runJobToCompletion(jobId, {
    pollMs: 30,
    controlMs: 20,
    backoff: { baseMs: 20, maxMs: 100 },
    log: () => {},
  });
  return { jobId, progress };
}
