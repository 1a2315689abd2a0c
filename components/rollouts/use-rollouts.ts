"use client";
import { useQuery } from "@tanstack/react-query";
import type { InterventionRollouts } from "@/lib/data/rollouts";

export const rolloutKeys = { intervention: (id: string) => ["rollouts", "intervention", id] as const };

const active = (s: string | undefined) => s === "queued" || s === "running";

/** An intervention's rollouts and the progress of its latest job: polled every second while it runs. */
export function useRollouts(interventionId: string) {
  return useQuery({
    queryKey: rolloutKeys.intervention(interventionId),
    queryFn: async (): Promise<InterventionRollouts> => {
      const res = await fetch(`/api/interventions/${encodeURIComponent(interventionId)}/rollouts`, {
        cache: "no-store",
      });
      if (!res.ok)
        throw new Error(
          res.status === 404 ? "This intervention no longer exists." : `Could not load rollouts (HTTP ${res.status}).`,
        );
      return res.json();
    },
    staleTime: 0,
    refetchInterval: (q) => (q.state.error ? 5_000 : active(q.state.data?.job?.status) ? 1_000 : false),
  });
}
