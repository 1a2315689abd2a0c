import { NextResponse } from "next/server";
import { AuthError, requireRole } from "@/lib/auth/actor";
import { getAdjudication } from "@/lib/data/adjudication";

export const dynamic = "force-dynamic";

/** Every label of a trace side by side, for the adjudicate panel (curators: it shows everyone's labels). */
export async function GET(_req: Request, ctx: { params: Promise<{ traceId: string }> }) {
  try {
    await requireRole("curator");
  } catch (e) {
    if (e instanceof AuthError) return NextResponse.json({ error: e.message }, { status: e.status });
    throw e;
  }
  const { traceId } = await ctx.params;
  const a = await getAdjudication(traceId);
  if (!a) return NextResponse.json({ error: "Trace not found; it may have been deleted" }, { status: 404 });
  return NextResponse.json(a, { headers: { "cache-control": "no-store" } });
}
