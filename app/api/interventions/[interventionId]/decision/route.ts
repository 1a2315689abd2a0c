import { z } from "zod";
import { offLoop } from "@/lib/data/off-loop";
import { defineRoute } from "@/lib/server/define-route";

// POST /api/interventions/:interventionId/decision {decision, expectedVersion}: accept or reject,
// for "decide and go to the next trace". A route handler rather than a server action: a server
// action runs inside a React transition, and the navigation to the next trace (another
// transition) would wait for it to finish. Same data-layer call, audit and stale-version
// refusal as the review actions. JSON only, so a cross-site form cannot post here.

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const Body = z.object({ decision: z.enum(["accept", "reject"]), expectedVersion: z.number().int().min(0) });
const headers = { "Cache-Control": "no-store" };

export const POST = defineRoute<{ interventionId: string }>(
  { role: "curator", name: "POST /api/interventions/[interventionId]/decision" },
  async (req, ctx, actor): Promise<Response> => {
    if (!req.headers.get("content-type")?.startsWith("application/json")) {
      return Response.json({ ok: false, error: "expected a JSON body" }, { status: 415, headers });
    }
    const { interventionId } = await ctx.params;
    const body = Body.safeParse(await req.json().catch(() => null));
    if (!body.success)
      return Response.json({ ok: false, error: "Invalid input: decision, expectedVersion" }, { status: 400, headers });
    // on a team server the writer thread writes it (lib/data/off-loop.ts), as the review actions do
    const r = await offLoop(actor, "decideIntervention", { id: interventionId, ...body.data, actor: actor.name });
    if (!r.ok) return Response.json({ ok: false, error: r.reason }, { status: 409, headers });
    return Response.json({ ok: true }, { headers });
  },
);
