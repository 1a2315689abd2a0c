import { NextResponse } from "next/server";
import { listOutcomes } from "@/lib/data/job-outcomes";
import { blindOutcomes } from "@/lib/data/blind-labels";
import { outcomeQuery } from "@/lib/jobs/outcome-query";
import { defineRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

/** One page of a job's item outcomes (cursor `after`, `filter`): an indexed range read, cheap to poll. */
export const GET = defineRoute<{ jobId: string }>(
  { role: "viewer", name: "GET /api/jobs/[jobId]/outcomes" },
  async (req, ctx, actor) => {
    const { jobId } = await ctx.params;
    const page = await listOutcomes(jobId, outcomeQuery(new URL(req.url).searchParams));
    if (!page) return NextResponse.json({ error: "job not found" }, { status: 404 });
    // the parsed step of a trace a blind queue withholds from this reader is not sent
    return NextResponse.json(await blindOutcomes(actor, page), { headers: { "cache-control": "no-store" } });
  },
);
