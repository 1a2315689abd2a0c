import { interventionRollouts } from "@/lib/data/rollouts";
import { defineRoute } from "@/lib/server/define-route";

// GET /api/interventions/:interventionId/rollouts: the intervention's rollouts (every condition),
// its keep-filter state and the progress of its latest rollouts job (polled by <RolloutsPanel />).

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const headers = { "Cache-Control": "no-store" };

export const GET = defineRoute<{ interventionId: string }>(
  { role: "viewer", name: "GET /api/interventions/[interventionId]/rollouts" },
  async (_req, ctx): Promise<Response> => {
    const { interventionId } = await ctx.params;
    const data = await interventionRollouts(interventionId);
    if (!data) return Response.json({ error: `intervention ${interventionId} not found` }, { status: 404, headers });
    return Response.json(data, { headers });
  },
);
