"use client";
import { useQuery } from "@tanstack/react-query";
import type { ProposalView } from "@/lib/data/proposal-queries";

// ProposalView as it arrives over JSON (dates become strings).
export type ProposalJson = Omit<ProposalView, "createdAt"> & { createdAt: string; run: string | null };
export type TraceProposals = {
  proposals: ProposalJson[];
  modelLabels: { annotator: string; step: number | null }[];
  activeJobId: string | null;
};

export const proposalKeys = { trace: (traceId: string) => ["proposals", traceId] as const };

/** The trace's proposals; polled every 1.5 s while a propose job is working on it. */
export function useTraceProposals(traceId: string, polling: boolean) {
  return useQuery({
    queryKey: proposalKeys.trace(traceId),
    queryFn: async (): Promise<TraceProposals> => {
      const res = await fetch(`/api/traces/${encodeURIComponent(traceId)}/proposals`, { cache: "no-store" });
      if (!res.ok) throw new Error(`Could not load the proposals (HTTP ${res.status}).`);
      return res.json() as Promise<TraceProposals>;
    },
    staleTime: 0,
    refetchInterval: (q) => (polling || q.state.data?.activeJobId ? 1_500 : false),
  });
}
