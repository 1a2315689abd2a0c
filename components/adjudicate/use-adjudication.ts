"use client";
import { useQuery } from "@tanstack/react-query";
import type { Adjudication } from "@/lib/data/adjudication";

export const adjudicationKeys = { trace: (traceId: string) => ["adjudication", traceId] as const };

/** Every label of a trace, for the adjudicate panel (GET /api/traces/:id/adjudication). */
export function useAdjudication(traceId: string) {
  return useQuery({
    queryKey: adjudicationKeys.trace(traceId),
    queryFn: async () => {
      const res = await fetch(`/api/traces/${encodeURIComponent(traceId)}/adjudication`, { cache: "no-store" });
      const body = (await res.json().catch(() => ({}))) as Adjudication & { error?: string };
      if (!res.ok) throw new Error(body.error ?? `Could not load the labels (HTTP ${res.status}).`);
      return body;
    },
    staleTime: 0,
  });
}
