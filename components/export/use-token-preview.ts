"use client";
import { useQuery } from "@tanstack/react-query";
import type { TokenPreview } from "@/lib/data/token-preview";

export type TokenPreviewData = Extract<TokenPreview, { ok: true }>;

export const tokenPreviewKey = (interventionId: string, template: string, version?: string | number) =>
  ["token-preview", interventionId, template, version ?? null] as const;

/** The exact trl-tokenized tokens of one intervention (GET /api/interventions/:id/tokens). */
export function useTokenPreview(interventionId: string, template: string, enabled = true, version?: string | number) {
  return useQuery({
    queryKey: tokenPreviewKey(interventionId, template, version),
    enabled,
    queryFn: async (): Promise<TokenPreviewData> => {
      const res = await fetch(
        `/api/interventions/${encodeURIComponent(interventionId)}/tokens?template=${encodeURIComponent(template)}`,
        { cache: "no-store" },
      );
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body?.error ?? `HTTP ${res.status}`);
      return body as TokenPreviewData;
    },
  });
}
