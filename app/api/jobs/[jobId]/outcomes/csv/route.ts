import { NextResponse } from "next/server";
import { jobKind } from "@/lib/data/jobs";
import { outcomesCsvStream } from "@/lib/jobs/outcomes-csv";
import { outcomeQuery } from "@/lib/jobs/outcome-query";
import { defineRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

/** The job's item outcomes as CSV (all items under the filter, streamed). */
export const GET = defineRoute<{ jobId: string }>(
  { role: "viewer", name: "GET /api/jobs/[jobId]/outcomes/csv" },
  async (req, ctx, actor) => {
    const { jobId } = await ctx.params;
    const { filter } = outcomeQuery(new URL(req.url).searchParams);
    const kind = await jobKind(jobId);
    if (!kind) return NextResponse.json({ error: "job not found" }, { status: 404 });
    const name = `${kind}-${jobId}-${filter === "all" ? "outcomes" : filter}.csv`;
    return new Response(outcomesCsvStream(jobId, filter, actor), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "cache-control": "no-store",
      },
    });
  },
);
