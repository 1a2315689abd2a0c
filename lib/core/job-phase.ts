// What a job is doing, as a person should read it. A cancelled or paused job whose items are
// still running is not finished yet: its in-flight calls are ending (or being handed back), and
// its counts still move, so the page says "cancelling" and keeps watching until none runs.

export type JobPhase = "queued" | "running" | "pausing" | "paused" | "cancelling" | "cancelled" | "done" | "failed";

export function jobPhase(status: string, running: number): JobPhase {
  if (status === "cancelled") return running > 0 ? "cancelling" : "cancelled";
  if (status === "paused") return running > 0 ? "pausing" : "paused";
  if (status === "queued" || status === "running" || status === "done" || status === "failed") return status;
  return "failed";
}

/** Should a view keep polling? While the job runs, and while a stopped job's items still finish. */
export function jobIsLive(status: string | undefined, running: number | undefined): boolean {
  return status === "queued" || status === "running" || (running ?? 0) > 0;
}

/** "cancelling: 34 calls finishing" (one line under the bar); null when nothing is in flight. */
export function phaseNote(status: string, running: number): string | null {
  const p = jobPhase(status, running);
  if (p !== "cancelling" && p !== "pausing") return null;
  return `${p}: ${running} call${running === 1 ? "" : "s"} finishing`;
}
