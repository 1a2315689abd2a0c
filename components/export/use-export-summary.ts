"use client";
import { useQuery } from "@tanstack/react-query";

export type ExportSummary = {
  written: number;
  excludedLeakage: number;
  skipped: Record<string, number>;
  fileName?: string;
  droppedUnverified?: { "not-rolled-out": number; "failed-keep-filter": number };
  perProblem: "all" | "one" | null;
  problems: number;
  maxRowsPerProblem: number;
  droppedPerProblem?: number;
};

/** Counts of an export (runs the export server-side without sending rows): fetched only on request. */
export function useExportSummary(href: string, enabled: boolean) {
  return useQuery({
    queryKey: ["export-summary", href],
    enabled,
    staleTime: 0,
    queryFn: async (): Promise<ExportSummary> => {
      const res = await fetch(`${href}&summary=1`, { cache: "no-store" });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body?.error ?? `HTTP ${res.status}`);
      return body as ExportSummary;
    },
  });
}
