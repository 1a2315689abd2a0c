import { NextResponse } from "next/server";
import { jobOutcomeTotals, listOutcomes } from "@/lib/jobs/outcomes";
import { outcomeQuery } from "@/lib/jobs/outcome-query";

export const dynamic = "force-dynamic";

/** One page of a job's item outcomes (cursor `after`, `filter`) and the job's totals by outcome. */
export async function GET(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await ctx.params;
  const q = outcomeQuery(new URL(req.url).searchParams);
  const [page, totals] = await Promise.all([listOutcomes(jobId, q), jobOutcomeTotals(jobId)]);
  if (!page || !totals) return NextResponse.json({ error: "job not found" }, { status: 404 });
  return NextResponse.json({ ...page, totals }, { headers: { "cache-control": "no-store" } });
}
