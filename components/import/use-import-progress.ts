"use client";
import { useQuery } from "@tanstack/react-query";
import type { ImportError, ImportSummary } from "./use-upload";

/** GET /api/import/[id]: the progress record of an import running in the server's import process. */
export type ImportProgress = {
  id: string;
  phase: "queued" | "importing" | "done" | "failed";
  records: number;
  bytesRead: number;
  totalBytes: number;
  result: (ImportSummary & { ok: true }) | { ok: false; errors: ImportError[]; truncated?: boolean } | null;
};

export const importKeys = { progress: (id: string) => ["import", "progress", id] as const };
const running = (p?: ImportProgress) => !p || p.phase === "queued" || p.phase === "importing";

/** Polled every 500 ms until the import has ended. */
export function useImportProgress(importId: string | null) {
  return useQuery({
    queryKey: importKeys.progress(importId ?? ""),
    enabled: importId !== null,
    staleTime: 0,
    retry: 3,
    queryFn: async () => {
      const res = await fetch(`/api/import/${encodeURIComponent(importId ?? "")}`, { cache: "no-store" });
      if (!res.ok) throw new Error(res.status === 404 ? "The server no longer knows this import (was it restarted?)." : `Could not read the import's progress (HTTP ${res.status}).`);
      return ((await res.json()) as { import: ImportProgress }).import;
    },
    refetchInterval: (q) => (running(q.state.data) ? 500 : false),
  });
}
