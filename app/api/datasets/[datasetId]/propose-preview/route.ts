import { NextResponse } from "next/server";
import { parseTraceFilter } from "@/lib/core/filters";
import { describeSelection } from "@/lib/core/propose/selection";
import { getDataset } from "@/lib/data/datasets";
import { proposeSelection } from "@/lib/data/propose-select";
import { defineRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

/**
 * What "Propose for the filtered list" would send and skip (issue 12 §1), read before the job
 * starts: the list's filter from the query string plus includeCorrect=1 / includeNoReference=1.
 */
export const GET = defineRoute<{ datasetId: string }>(
  { role: "viewer", name: "GET /api/datasets/[datasetId]/propose-preview" },
  async (req, ctx) => {
    const { datasetId } = await ctx.params;
    if (!(await getDataset(datasetId)))
      return NextResponse.json({ error: `unknown dataset ${datasetId}` }, { status: 404 });
    const sp = new URL(req.url).searchParams;
    const { counts } = await proposeSelection(
      {
        filter: parseTraceFilter(sp),
        model: "",
        skipDone: false,
        includeCorrect: sp.get("includeCorrect") === "1",
        includeNoReference: sp.get("includeNoReference") === "1",
      },
      datasetId,
    );
    return NextResponse.json(
      { counts, summary: describeSelection(counts) },
      { headers: { "cache-control": "no-store" } },
    );
  },
);
