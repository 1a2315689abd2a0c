import type { Actor } from "@/lib/auth/actor";
import { blindNotice } from "@/lib/core/queues/blind";
import { withheldForTrace } from "@/lib/data/blind-labels";

/**
 * For the JSON routes that carry a trace's labels, or what gives one away (proposals, comments, adjudication): 403 with the notice while a blind label queue withholds them from this reader
 * (lib/core/queues/blind.ts), else null and the route answers as usual.
 */
export async function blindRefusal(actor: Actor, traceId: string): Promise<Response | null> {
  const queues = await withheldForTrace(actor, traceId);
  if (queues.length === 0) return null;
  return Response.json(
    { ok: false, error: blindNotice(queues), blind: queues },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
