"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ThreadData } from "@/lib/data/comment-thread";

// The comment thread of a trace (GET /api/traces/:id/comments), shared by every reader on the
// page (the thread, the step markers, the intervention badges) through one query key.

export type { ThreadComment, ThreadData } from "@/lib/data/comment-thread";

export const commentsKey = (traceId: string) => ["comments", traceId] as const;

export function useTraceComments(traceId: string, initialData?: ThreadData, enabled = true) {
  return useQuery({
    queryKey: commentsKey(traceId),
    initialData,
    enabled,
    staleTime: 5_000,
    queryFn: async (): Promise<ThreadData> => {
      const res = await fetch(`/api/traces/${encodeURIComponent(traceId)}/comments`, { cache: "no-store" });
      if (!res.ok)
        throw new Error(
          ((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `HTTP ${res.status}`,
        );
      return (await res.json()) as ThreadData;
    },
  });
}

/** Refetch the thread after a write (every reader of the key updates). */
export function useRefreshComments(traceId: string) {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: commentsKey(traceId) }), [qc, traceId]);
}
