// GET /api/import/[importId] -> the web import's progress record (polled by the upload form):
// {ok: true, import: {phase: queued|importing|done|failed, records, bytesRead, totalBytes, result}}
import type { ImportProgressResponse } from "@/lib/import/types";
import { getWebImport } from "@/lib/import/web-import";
import { defineRoute } from "@/lib/server/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = defineRoute<{ importId: string }>(
  { role: "viewer", name: "GET /api/import/[importId]" },
  async (_req, ctx): Promise<Response> => {
    const { importId } = await ctx.params;
    const run = getWebImport(importId);
    if (!run)
      return Response.json(
        { ok: false, error: "no such import (imports are kept for an hour after they end)" },
        { status: 404 },
      );
    return Response.json({ ok: true, import: run } satisfies ImportProgressResponse, {
      headers: { "cache-control": "no-store" },
    });
  },
);
