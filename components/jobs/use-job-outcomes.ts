"use client";
import { useQuery } from "@tanstack/react-query";
import type { OutcomePage, OutcomeTotals } from "@/lib/jobs/outcomes";
import { jobKeys } from "./use-job";

export type OutcomesData = OutcomePage & { totals: OutcomeTotals };

/** One page of a job's item outcomes with the job's totals; refreshed every 2 s while `live`. */
export function useJobOutcomes(jobId: string, filter: string, after: string | null, initial: OutcomesData, live: boolean) {
  const qs = new URLSearchParams({ filter, ...(after ? { after } : {}) });
  return useQuery({
    queryKey: jobKeys.outcomes(jobId, filter, after),
    queryFn: async () => {
      const res = await fetch(`/api/jobs/${encodeURIComponent(jobId)}/outcomes?${qs}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`Could not load the outcomes (HTTP ${res.status}).`);
      return (await res.json()) as OutcomesData;
    },
    initialData: initial,
    staleTime: 0,
    refetchInterval: live ? 2_000 : false,
  });
}
