"use client";
import { useQuery } from "@tanstack/react-query";
import type { SelectionCounts } from "@/lib/core/propose/selection";
import { traceFilterToSearch, type TraceFilter } from "@/lib/core/filters";

export type ProposePreview = { counts: SelectionCounts; summary: string };

/** What "Propose for the filtered list" would send and skip, before anything starts. */
export function useProposePreview(
  datasetId: string,
  filter: TraceFilter,
  include: { correct: boolean; noReference: boolean },
) {
  const sp = new URLSearchParams(traceFilterToSearch(filter));
  if (include.correct) sp.set("includeCorrect", "1");
  if (include.noReference) sp.set("includeNoReference", "1");
  const qs = sp.toString();
  return useQuery({
    queryKey: ["propose-preview", datasetId, qs],
    queryFn: async (): Promise<ProposePreview> => {
      const res = await fetch(`/api/datasets/${encodeURIComponent(datasetId)}/propose-preview?${qs}`, {
        cache: "no-store",
      });
      if (!res.ok) throw new Error(`Could not count what would be sent (HTTP ${res.status}).`);
      return res.json() as Promise<ProposePreview>;
    },
    staleTime: 0,
  });
}
