import { NextResponse } from "next/server";
import { traceProposalState } from "@/lib/data/proposal-trace-state";

export const dynamic = "force-dynamic";

/** The trace's model proposals and model first-error labels (polled by the review screen). */
export async function GET(_req: Request, ctx: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await ctx.params;
  const state = await traceProposalState(traceId);
  return NextResponse.json(state, { headers: { "cache-control": "no-store" } });
}
