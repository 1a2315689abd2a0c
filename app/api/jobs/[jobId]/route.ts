import { NextResponse } from "next/server";
import { getJobDetail } from "@/lib/data/job-queries";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await ctx.params;
  const job = await getJobDetail(jobId);
  if (!job) return NextResponse.json({ error: "job not found" }, { status: 404 });
  return NextResponse.json({ job }, { headers: { "cache-control": "no-store" } });
}
