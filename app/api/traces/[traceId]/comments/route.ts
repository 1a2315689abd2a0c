import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/server/define-route";
import { getCommentThread, threadFor } from "@/lib/data/comment-thread";
import { blindRefusal } from "@/lib/server/blind-refusal";

export const dynamic = "force-dynamic";

/**
 * A trace's comment thread (read by <TraceComments>, on the review page and the queue screens):
 * the comments with their edit history, what they can anchor to, and what the reader may do.
 */
export const GET = defineRoute<{ traceId: string }>({ role: "viewer", name: "comments" }, async (_req, ctx, actor) => {
  const { traceId } = await ctx.params;
  const refused = await blindRefusal(actor, traceId);
  if (refused) return refused;
  const thread = await getCommentThread(traceId);
  if (!thread) return NextResponse.json({ error: "No such trace" }, { status: 404 });
  return NextResponse.json(threadFor(thread, actor), { headers: { "cache-control": "no-store" } });
});
