"use client";
import { useQuery } from "@tanstack/react-query";
import type { JobDetail, JobSummary } from "@/lib/data/job-queries";
import { jobIsLive } from "@/lib/core/job-phase";

export const jobKeys = {
  all: ["jobs"] as const,
  list: (datasetId?: string) => ["jobs", "list", datasetId ?? ""] as const,
  detail: (jobId: string) => ["jobs", "detail", jobId] as const,
  outcomes: (jobId: string, filter: string, after: string | null) =>
    ["jobs", "outcomes", jobId, filter, after ?? ""] as const,
};

export const isActive = (status: string | undefined) => status === "queued" || status === "running";

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok)
    throw new Error(res.status === 404 ? "This job no longer exists." : `Could not load the job (HTTP ${res.status}).`);
  return res.json() as Promise<T>;
}

/**
 * A job's progress, polled every second while it is queued or running, and also after a cancel
 * or pause while its in-flight items still finish (their counts still move: issue 14 §3).
 */
export function useJob(jobId: string, initial?: JobDetail) {
  return useQuery({
    queryKey: jobKeys.detail(jobId),
    queryFn: () => getJson<{ job: JobDetail }>(`/api/jobs/${encodeURIComponent(jobId)}`).then((r) => r.job),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) =>
      q.state.error
        ? 5_000
        : !q.state.data || jobIsLive(q.state.data.status, q.state.data.counts.running)
          ? 1_000
          : false,
  });
}

/** The jobs list, polled every 2 s while any job is active. */
export function useJobs(initial?: JobSummary[], datasetId?: string) {
  const qs = datasetId ? `?datasetId=${encodeURIComponent(datasetId)}` : "";
  return useQuery({
    queryKey: jobKeys.list(datasetId),
    queryFn: () => getJson<{ jobs: JobSummary[] }>(`/api/jobs${qs}`).then((r) => r.jobs),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.some((j) => isActive(j.status)) ? 2_000 : false),
  });
}
