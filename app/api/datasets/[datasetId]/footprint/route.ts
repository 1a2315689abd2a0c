import { getDataset } from "@/lib/data/datasets";
import { datasetFootprint } from "@/lib/data/dataset-lifecycle";
import { defineRoute } from "@/lib/server/define-route";

// GET /api/datasets/:datasetId/footprint: what deleting the dataset would take (the delete
// dialog reads it when it opens, so the counts are current).
export const dynamic = "force-dynamic";

export const GET = defineRoute<{ datasetId: string }>(
  { role: "viewer", name: "GET /api/datasets/[datasetId]/footprint" },
  async (_req, ctx) => {
    const { datasetId } = await ctx.params;
    const d = await getDataset(datasetId);
    if (!d)
      return Response.json({ error: "no such dataset" }, { status: 404, headers: { "Cache-Control": "no-store" } });
    return Response.json(
      { name: d.name, ...(await datasetFootprint(datasetId)) },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
