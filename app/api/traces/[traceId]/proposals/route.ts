import { NextResponse } from "next/server";
import { traceProposalState } from "@/lib/data/proposal-trace-state";
import { defineRoute } from "@/lib/server/define-route";
import { blindRefusal } from "@/lib/server/blind-refusal";

export const dynamic = "force-dynamic";

/** The trace's model proposals and model first-error labels (polled by the review screen). */
export const GET = defineRoute<{ traceId: string }>(
  { role: "viewer", name: "GET /api/traces/[traceId]/proposals" },
  async (_req, ctx, actor) => {
    const { traceId } = await ctx.params;
    const refused = await blindRefusal(actor, traceId);
    if (refused) return refused;
    const state = await traceProposalState(traceId);
    return NextResponse.json(state, { headers: { "cache-control": "no-store" } });
  },
);
