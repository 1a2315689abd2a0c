import { prisma } from "@/lib/db";
import type { PromptTemplate } from "@/lib/generated/prisma/client";
import type { ChatMessage } from "@/lib/core/prompts/render";
import type { ChatResult } from "@/lib/model/client";
import { countChatTokens } from "@/lib/model/tokens";
import type { ProposeParams } from "./params";
import { solveMessages, verifierPrompt } from "./build-prompt";
import { storeProposal } from "./store";

export const PENDING_REASON = "pending: turn 2 not run yet";

// Turn-1 replies of items whose turn 2 failed, kept for the retry (bounded; lost on restart,
// when turn 1 is simply asked again). Batch imports keep theirs durably as pending proposals.
const turn1Memo = new Map<string, string>();

type TraceRow = { id: string; text: string; stepCount: number; problem: { statement: string; referenceSolution: string; answer: string } };

export type RunProposalInput = {
  trace: TraceRow;
  template: PromptTemplate;
  params: ProposeParams;
  sample: number;
  jobItemId: string;
  jobId?: string | null;
  call: (messages: ChatMessage[]) => Promise<ChatResult>;
  /** the stored proposal of this item, when the caller already read it (undefined = look it up) */
  existing?: ExistingProposal | null;
};
export type ExistingProposal = { id: string; parseOk: boolean; parseReason: string | null; turn1Raw: string };

/**
 * One proposal: turn 1 (solve guided by the reference), turn 2 (verify + intervene), parse, store.
 * A retry after a turn-2 failure reuses turn 1; a finished proposal is never redone.
 */
export async function runProposal(x: RunProposalInput): Promise<Record<string, unknown>> {
  const key = { traceId_jobItemId_sample: { traceId: x.trace.id, jobItemId: x.jobItemId, sample: x.sample } };
  const existing = x.existing !== undefined ? x.existing : await prisma.proposal.findUnique({ where: key });
  if (existing && existing.parseReason !== PENDING_REASON) {
    return { proposalId: existing.id, parseOk: existing.parseOk, reason: existing.parseReason, reused: true };
  }
  const samplingMeta = { ...x.params.sampling, maxPromptTokens: x.params.maxPromptTokens };
  const base = { templateId: x.template.id, templateHash: x.template.hash, model: x.params.model };
  // Turn 1 comes from a batch-imported pending row, from this process's memory of an earlier
  // try of the same item (a retry after a turn-2 failure), or from the model now.
  const memo = `${x.jobItemId}\u0000${x.sample}`;
  let turn1Usage: ChatResult["usage"] | null = null;
  let turn1Raw = existing?.turn1Raw ?? turn1Memo.get(memo);
  if (turn1Raw === undefined) {
    const r1 = await x.call(solveMessages(x.template, x.trace.problem));
    turn1Raw = r1.text;
    turn1Usage = r1.usage;
    turn1Memo.set(memo, turn1Raw);
    if (turn1Memo.size > 5_000) turn1Memo.delete(turn1Memo.keys().next().value as string);
  }
  const prompt = verifierPrompt(x.template, x.trace.problem, x.trace.text, turn1Raw, x.params.maxPromptTokens);
  const r2 = await x.call(prompt.messages);
  // Qwen3 counts when truncation was possible (counted in verifierPrompt); otherwise the server's
  // own count (free), else Qwen3 now.
  const counted = prompt.promptTokens !== null;
  const promptTokens = prompt.promptTokens ?? r2.usage.promptTokens ?? countChatTokens(prompt.messages);
  const stored = await storeProposal(
    {
      traceId: x.trace.id, jobItemId: x.jobItemId, jobId: x.jobId, sample: x.sample, ...base,
      sampling: {
        ...samplingMeta,
        tokenCount: counted || r2.usage.promptTokens === null ? "qwen3" : "server",
        truncation: prompt.truncation,
        originalPromptTokens: prompt.originalTokens ?? promptTokens,
        usage: { turn1: turn1Usage, turn2: r2.usage },
        finishReason: r2.finishReason,
      },
      turn1Raw, turn2Raw: r2.text, promptTokens, truncated: prompt.truncated,
    },
    { stepCount: x.trace.stepCount, answer: x.trace.problem.answer },
  );
  turn1Memo.delete(memo);
  return {
    proposalId: stored.proposal.id,
    parseOk: stored.parse.ok,
    reason: stored.parse.ok ? null : stored.parse.reason,
    location: stored.proposal.location,
    interventionId: stored.interventionId,
    promptTokens,
    truncated: prompt.truncated,
  };
}
