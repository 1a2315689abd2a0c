"use client";
import { useQuery } from "@tanstack/react-query";
import type { InterventionScore } from "@/lib/data/onpolicy-trace";

/**
 * On-policyness scores of a trace's interventions by id (GET /api/traces/:id/onpolicy): one small
 * request per trace, after the page is shown. `versions` refetches after an edit (which clears a score).
 */
export function useOnpolicyScores(traceId: string, versions: string): Map<string, InterventionScore> {
  const q = useQuery({
    queryKey: ["onpolicy", traceId, versions] as const,
    staleTime: 5_000,
    queryFn: async (): Promise<InterventionScore[]> => {
      const res = await fetch(`/api/traces/${encodeURIComponent(traceId)}/onpolicy`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return ((await res.json()) as { scores: InterventionScore[] }).scores;
    },
  });
  return new Map((q.data ?? []).map((s) => [s.id, s]));
}
