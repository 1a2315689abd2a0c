"use client";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { cancelJob, pauseJob, resumeJob } from "@/lib/actions/jobs";
import { jobKeys } from "./use-job";

/** Pause / resume / cancel for one job; the one-line result of a refused action is shown beside. */
export function JobControls({ jobId, status, failed }: { jobId: string; status: string; failed: number }) {
  const qc = useQueryClient();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : (r.error ?? "Failed."));
      await qc.invalidateQueries({ queryKey: jobKeys.all });
    });
  const active = status === "queued" || status === "running";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {active && (
        <Button size="xs" disabled={pending} onClick={() => act(() => pauseJob(jobId))}>
          Pause
        </Button>
      )}
      {(status === "paused" || status === "cancelled") && (
        <Button size="xs" variant="primary" disabled={pending} onClick={() => act(() => resumeJob(jobId))}>
          Resume
        </Button>
      )}
      {!active && status !== "paused" && status !== "cancelled" && failed > 0 && (
        <Button size="xs" disabled={pending} onClick={() => act(() => resumeJob(jobId, { retryFailed: true }))}>
          Retry {failed} failed
        </Button>
      )}
      {(active || status === "paused") && (
        <Button size="xs" variant="danger" disabled={pending} onClick={() => act(() => cancelJob(jobId))}>
          Cancel
        </Button>
      )}
      {error && (
        <span role="status" className="text-xs text-rose-700">
          {error}
        </span>
      )}
    </div>
  );
}
