import { getDataset } from "@/lib/data/datasets";
import { datasetFootprint } from "@/lib/data/dataset-lifecycle";

// GET /api/datasets/:datasetId/footprint: what deleting the dataset would take (the delete
// dialog reads it when it opens, so the counts are current).
export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await ctx.params;
  const d = await getDataset(datasetId);
  if (!d) return Response.json({ error: "no such dataset" }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return Response.json({ name: d.name, ...(await datasetFootprint(datasetId)) }, { headers: { "Cache-Control": "no-store" } });
}
