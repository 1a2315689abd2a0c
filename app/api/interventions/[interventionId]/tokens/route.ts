import { tokenPreview } from "@/lib/data/token-preview";
import { CHAT_TEMPLATES, DEFAULT_CHAT_TEMPLATE, checkTemplate, isChatTemplateName } from "@/lib/tokens/chat";
import { defineRoute } from "@/lib/server/define-route";
import { blindRefusal } from "@/lib/server/blind-refusal";
import { getInterventionPlace } from "@/lib/data/interventions";

// GET /api/interventions/:interventionId/tokens?template=qwen3-instruct-2507|qwen3-hybrid-nothink|model-file
// The exact trl-tokenized tokens of one intervention's SFT row: [{id, text, part, masked}] and
// the counts of prompt, prefix and intervention tokens (feeds <TokenPreview />).

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const headers = { "Cache-Control": "no-store" };

export const GET = defineRoute<{ interventionId: string }>(
  { role: "viewer", name: "GET /api/interventions/[interventionId]/tokens" },
  async (req, ctx, actor): Promise<Response> => {
    const { interventionId } = await ctx.params;
    // the SFT row's prefix ends where the intervention starts: its step is a first-error label (blind queues)
    const place = await getInterventionPlace(interventionId);
    const refused = place && (await blindRefusal(actor, place.trace.id));
    if (refused) return refused;
    const template = new URL(req.url).searchParams.get("template") ?? DEFAULT_CHAT_TEMPLATE;
    if (!isChatTemplateName(template)) {
      return Response.json(
        { error: `unknown template "${template}" (use ${CHAT_TEMPLATES.join(", ")})` },
        { status: 400, headers },
      );
    }
    const templateError = checkTemplate(template);
    if (templateError) return Response.json({ error: templateError }, { status: 400, headers });
    const preview = await tokenPreview(interventionId, template);
    if (!preview) return Response.json({ error: `intervention ${interventionId} not found` }, { status: 404, headers });
    if (!preview.ok) return Response.json({ error: preview.reason }, { status: 422, headers });
    return Response.json(preview, { headers });
  },
);
