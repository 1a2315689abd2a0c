import { interventionRollouts } from "@/lib/data/rollouts";
import { defineRoute } from "@/lib/server/define-route";
import { blindRefusal } from "@/lib/server/blind-refusal";
import { getInterventionPlace } from "@/lib/data/interventions";

// GET /api/interventions/:interventionId/rollouts: the intervention's rollouts (every condition),
// its keep-filter state and the progress of its latest rollouts job (polled by <RolloutsPanel />).

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const headers = { "Cache-Control": "no-store" };

export const GET = defineRoute<{ interventionId: string }>(
  { role: "viewer", name: "GET /api/interventions/[interventionId]/rollouts" },
  async (_req, ctx, actor): Promise<Response> => {
    const { interventionId } = await ctx.params;
    // the intervention's step is a first-error label: refused while a blind queue withholds the trace's labels
    const place = await getInterventionPlace(interventionId);
    const refused = place && (await blindRefusal(actor, place.trace.id));
    if (refused) return refused;
    const data = await interventionRollouts(interventionId);
    if (!data) return Response.json({ error: `intervention ${interventionId} not found` }, { status: 404, headers });
    return Response.json(data, { headers });
  },
);
