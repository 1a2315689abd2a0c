import { prisma, type Tx } from "@/lib/db";
import { containsAnswer, guidedParts } from "@/lib/core/guided";
import { splitSteps } from "@/lib/core/steps";
import { tokenizeSft } from "@/lib/core/export/trl-tokenized";
import { DEFAULT_CHAT_TEMPLATE, type ChatTemplateName } from "@/lib/tokens/chat";
import { sftEncoder } from "@/lib/tokens/sft-encoder";

// The exact tokens the trl-tokenized export writes for one intervention, for the UI preview:
// each token's id, its text, which part it belongs to and whether the loss masks it.

export type TokenPart = "prompt" | "prefix" | "intervention";
export type PreviewToken = { id: number; text: string; part: TokenPart; masked: boolean };

export type TokenPreview =
  | {
      ok: true;
      interventionId: string;
      template: ChatTemplateName;
      counts: { prompt: number; prefix: number; intervention: number; total: number; trained: number };
      tokens: PreviewToken[];
      /** Why the export would leave this row out (the preview still shows its tokens when it can). */
      excluded: "leakage" | null;
    }
  | { ok: false; interventionId: string; reason: string };

export async function tokenPreview(interventionId: string, template: ChatTemplateName = DEFAULT_CHAT_TEMPLATE, db: Tx = prisma): Promise<TokenPreview | null> {
  const iv = await db.intervention.findUnique({
    where: { id: interventionId },
    select: { id: true, location: true, content: true, trace: { select: { text: true, problem: { select: { statement: true, answer: true } } } } },
  });
  if (!iv) return null;
  const { text, problem } = iv.trace;
  const n = splitSteps(text).length;
  if (!Number.isInteger(iv.location) || iv.location < 1 || iv.location > n) {
    return { ok: false, interventionId, reason: `location ${iv.location} is outside steps 1..${n}` };
  }
  const enc = await sftEncoder(template);
  const parts = guidedParts(text, iv.location, iv.content);
  const t = tokenizeSft(enc.prompt(problem.statement), parts.prefix, parts.intervention, enc.codec);
  if (!t.ok) return { ok: false, interventionId, reason: t.reason.replaceAll("_", " ") };
  const { ids, promptTokens: p, prefixTokens: f, interventionTokens: v } = t.value;
  const pieces = enc.codec.pieces(ids);
  const tokens = ids.map((id, i): PreviewToken => {
    const part: TokenPart = i < p ? "prompt" : i < p + f ? "prefix" : "intervention";
    return { id, text: pieces[i], part, masked: i < p };
  });
  return {
    ok: true,
    interventionId,
    template,
    counts: { prompt: p, prefix: f, intervention: v, total: ids.length, trained: f + v },
    tokens,
    excluded: containsAnswer(iv.content, problem.answer) ? "leakage" : null,
  };
}
