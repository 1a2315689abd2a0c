import { traceScores } from "@/lib/data/onpolicy-trace";
import { defineRoute } from "@/lib/server/define-route";

// GET /api/traces/:traceId/onpolicy: the on-policyness scores of the trace's interventions (mean
// NLL under the scoring model, token count, outlier flag against the dataset's fence), polled by
// the review screen's intervention list.

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const headers = { "Cache-Control": "no-store" };

export const GET = defineRoute<{ traceId: string }>(
  { role: "viewer", name: "GET /api/traces/[traceId]/onpolicy" },
  async (_req, ctx): Promise<Response> => {
    const { traceId } = await ctx.params;
    const scores = await traceScores(traceId);
    if (!scores) return Response.json({ error: `trace ${traceId} not found` }, { status: 404, headers });
    return Response.json({ scores }, { headers });
  },
);
