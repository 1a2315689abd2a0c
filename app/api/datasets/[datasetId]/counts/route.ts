import { parseTraceFilter } from "@/lib/core/filters";
import { getDataset } from "@/lib/data/datasets";
import { countByStatus } from "@/lib/data/trace-list";
import { defineRoute } from "@/lib/server/define-route";

// GET /api/datasets/:datasetId/counts?<list filters>: how many traces the filtered list holds,
// by status. Read on demand (the review screen's end-of-list notice), never on every trace.
export const dynamic = "force-dynamic";

export const GET = defineRoute<{ datasetId: string }>(
  { role: "viewer", name: "GET /api/datasets/[datasetId]/counts" },
  async (req, ctx) => {
    const { datasetId } = await ctx.params;
    if (!(await getDataset(datasetId))) return Response.json({ error: "no such dataset" }, { status: 404 });
    const sp = Object.fromEntries(new URL(req.url).searchParams);
    const counts = await countByStatus(datasetId, parseTraceFilter(sp));
    return Response.json(
      { ...counts, total: counts.todo + counts.labelled + counts.curated },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
