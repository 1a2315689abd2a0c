import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/server/define-route";
import { getAdjudication } from "@/lib/data/adjudication";
import { blindRefusal } from "@/lib/server/blind-refusal";

export const dynamic = "force-dynamic";

/** Every label of a trace side by side, for the adjudicate panel (curators: it shows everyone's labels). */
export const GET = defineRoute<{ traceId: string }>(
  { role: "curator", name: "adjudication" },
  async (_req, ctx, actor) => {
    const { traceId } = await ctx.params;
    const refused = await blindRefusal(actor, traceId);
    if (refused) return refused;
    const a = await getAdjudication(traceId);
    if (!a) return NextResponse.json({ error: "Trace not found; it may have been deleted" }, { status: 404 });
    return NextResponse.json(a, { headers: { "cache-control": "no-store" } });
  },
);
