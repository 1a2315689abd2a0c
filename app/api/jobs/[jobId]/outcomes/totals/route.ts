import { NextResponse } from "next/server";
import { jobOutcomeTotals } from "@/lib/data/job-outcomes";
import { defineRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

/** A job's items by outcome. Reads every item's summary (~0.4 s at 100,000 items): polled slowly. */
export const GET = defineRoute<{ jobId: string }>(
  { role: "viewer", name: "GET /api/jobs/[jobId]/outcomes/totals" },
  async (_req, ctx) => {
    const { jobId } = await ctx.params;
    const totals = await jobOutcomeTotals(jobId);
    if (!totals) return NextResponse.json({ error: "job not found" }, { status: 404 });
    return NextResponse.json(totals, { headers: { "cache-control": "no-store" } });
  },
);
