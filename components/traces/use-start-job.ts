"use client";
import { useState, useTransition } from "react";
import type { StartedJob } from "@/lib/actions/start-job";

/** Calls a "start a job" action: the started job's id, or the one-line refusal, for a bar to show. */
export function useStartJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null); // what the job sends and skips, when the action says
  const [pending, start] = useTransition();
  const run = (action: () => Promise<StartedJob>, onStarted?: () => void) =>
    start(async () => {
      try {
        const r = await action();
        if (r.ok) {
          setError(null);
          setJobId(r.data.jobId);
          setTotal(r.data.total);
          setSummary(r.data.summary ?? null);
          onStarted?.();
        } else setError(r.error);
      } catch {
        setError("The server did not answer; no job was started. Try again.");
      }
    });
  return { jobId, total, summary, error, pending, run };
}
