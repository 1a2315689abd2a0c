import { NextResponse } from "next/server";
import { getJobDetail } from "@/lib/data/job-queries";
import { defineRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute<{ jobId: string }>(
  { role: "viewer", name: "GET /api/jobs/[jobId]" },
  async (_req, ctx) => {
    const { jobId } = await ctx.params;
    const job = await getJobDetail(jobId);
    if (!job) return NextResponse.json({ error: "job not found" }, { status: 404 });
    return NextResponse.json({ job }, { headers: { "cache-control": "no-store" } });
  },
);
