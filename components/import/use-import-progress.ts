"use client";
import { useQuery } from "@tanstack/react-query";
import type { ImportProgressResponse, WebImport } from "@/lib/import/types";

export const importKeys = { progress: (id: string) => ["import", "progress", id] as const };
const running = (p?: WebImport) => !p || p.phase === "queued" || p.phase === "importing";

/** Polled every 500 ms until the import has ended. */
export function useImportProgress(importId: string | null) {
  return useQuery({
    queryKey: importKeys.progress(importId ?? ""),
    enabled: importId !== null,
    staleTime: 0,
    retry: 3,
    queryFn: async () => {
      const res = await fetch(`/api/import/${encodeURIComponent(importId ?? "")}`, { cache: "no-store" });
      if (!res.ok)
        throw new Error(
          res.status === 404
            ? "The server no longer knows this import (was it restarted?)."
            : `Could not read the import's progress (HTTP ${res.status}).`,
        );
      return ((await res.json()) as ImportProgressResponse).import;
    },
    refetchInterval: (q) => (running(q.state.data) ? 500 : false),
  });
}
