import { NextResponse } from "next/server";
import { listJobs } from "@/lib/data/job-queries";
import { defineRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ role: "viewer", name: "GET /api/jobs" }, async (req) => {
  const url = new URL(req.url);
  const datasetId = url.searchParams.get("datasetId") ?? undefined;
  const take = Math.min(500, Math.max(1, Number(url.searchParams.get("take")) || 100));
  return NextResponse.json({ jobs: await listJobs({ datasetId, take }) }, { headers: { "cache-control": "no-store" } });
});
