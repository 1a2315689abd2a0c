import { NextResponse } from "next/server";
import { AuthError, requireRole } from "@/lib/auth/actor";
import { getCommentThread, threadFor } from "@/lib/data/comment-thread";

export const dynamic = "force-dynamic";

/**
 * A trace's comment thread (read by <TraceComments>, on the review page and the queue screens):
 * the comments with their edit history, what they can anchor to, and what the reader may do.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ traceId: string }> }) {
  let actor;
  try {
    actor = await requireRole("viewer");
  } catch (e) {
    if (e instanceof AuthError) return NextResponse.json({ error: e.message }, { status: e.status });
    throw e;
  }
  const { traceId } = await ctx.params;
  const thread = await getCommentThread(traceId);
  if (!thread) return NextResponse.json({ error: "No such trace" }, { status: 404 });
  return NextResponse.json(threadFor(thread, actor), { headers: { "cache-control": "no-store" } });
}
