import type { PromptTemplate } from "@/lib/data/prompt-templates";
import type { ChatMessage } from "@/lib/core/prompts/render";
import type { ChatResult } from "@/lib/model/client";
import { countChatTokens } from "@/lib/model/tokens";
import type { ProposeParams } from "./params";
import { proposalOutcome } from "@/lib/core/propose/outcome";
import { solveMessages, verifierPrompt } from "./build-prompt";
import {
  PENDING_REASON,
  savePendingTurn1,
  storeProposalFast,
  type ExistingProposal,
  type ItemTrace,
} from "@/lib/data/proposal-store-sql";

export { PENDING_REASON, type ExistingProposal };

export type RunProposalInput = {
  trace: ItemTrace;
  template: PromptTemplate;
  params: ProposeParams;
  sample: number;
  jobItemId: string;
  jobId?: string | null;
  call: (messages: ChatMessage[]) => Promise<ChatResult>;
  /** the stored proposal of this item (finished, or pending with its turn-1 reply), read with the trace */
  existing: ExistingProposal | null;
};

function turn1UsageOf(sampling: string): ChatResult["usage"] | null {
  try {
    return (JSON.parse(sampling) as { usage?: { turn1?: ChatResult["usage"] } }).usage?.turn1 ?? null;
  } catch {
    return null;
  }
}

/**
 * One proposal: turn 1 (solve guided by the reference), turn 2 (verify + intervene), parse, store.
 * The turn-1 reply is stored at once as a pending proposal, so a retry after a turn-2 failure,
 * or the same item after a restart, asks only turn 2; a finished proposal is never redone.
 */
export async function runProposal(x: RunProposalInput): Promise<Record<string, unknown>> {
  const existing = x.existing;
  if (existing && existing.parseReason !== PENDING_REASON) {
    return {
      proposalId: existing.id,
      parseOk: existing.parseOk,
      reason: existing.parseReason,
      outcome: proposalOutcome(existing),
      reused: true,
    };
  }
  const samplingMeta = {
    ...x.params.sampling,
    maxPromptTokens: x.params.maxPromptTokens,
    turn1: "independent",
    endpoint: x.params.endpoint,
  };
  const base = {
    traceId: x.trace.id,
    jobItemId: x.jobItemId,
    sample: x.sample,
    templateId: x.template.id,
    templateHash: x.template.hash,
    model: x.params.model,
  };
  // Turn 1 comes from a pending row (an earlier try of this item, or a batch import) or from the model now.
  let turn1Raw: string;
  let turn1Usage: ChatResult["usage"] | null;
  let saved: Promise<unknown> = Promise.resolve();
  if (existing) {
    turn1Raw = existing.turn1Raw;
    turn1Usage = turn1UsageOf(existing.sampling);
  } else {
    const r1 = await x.call(solveMessages(x.template, x.trace.problem));
    turn1Raw = r1.text;
    turn1Usage = r1.usage;
    // written while turn 2 runs (off the item's critical path); a failed write only means a retry asks turn 1 again
    saved = savePendingTurn1({ ...base, sampling: { ...samplingMeta, usage: { turn1: r1.usage } }, turn1Raw }).catch(
      () => {},
    );
  }
  const prompt = verifierPrompt(x.template, x.trace.problem, x.trace.text, turn1Raw, x.params.maxPromptTokens);
  let r2: ChatResult;
  try {
    r2 = await x.call(prompt.messages);
  } finally {
    await saved; // before a retry reads the item again, and before the final row replaces the pending one
  }
  // Qwen3 counts when truncation was possible (counted in verifierPrompt); otherwise the server's
  // own count (free), else Qwen3 now.
  const counted = prompt.promptTokens !== null;
  const promptTokens = prompt.promptTokens ?? r2.usage.promptTokens ?? countChatTokens(prompt.messages);
  const stored = await storeProposalFast(
    {
      ...base,
      jobId: x.jobId,
      sampling: {
        ...samplingMeta,
        tokenCount: counted || r2.usage.promptTokens === null ? "qwen3" : "server",
        truncation: prompt.truncation,
        originalPromptTokens: prompt.originalTokens ?? promptTokens,
        usage: { turn1: turn1Usage, turn2: r2.usage },
        finishReason: r2.finishReason,
      },
      turn1Raw,
      turn2Raw: r2.text,
      promptTokens,
      truncated: prompt.truncated,
    },
    { stepCount: x.trace.stepCount, answer: x.trace.problem.answer },
  );
  return {
    proposalId: stored.proposalId,
    parseOk: stored.parse.ok,
    noError: stored.parse.ok && stored.parse.noError,
    reason: stored.parse.ok ? null : stored.parse.reason,
    // parsed | held_back (the leak filter) | parse_failed: counted apart in the job's summary
    outcome: proposalOutcome({ parseOk: stored.parse.ok, parseReason: stored.parse.ok ? null : stored.parse.reason }),
    location: stored.location,
    interventionId: stored.interventionId,
    promptTokens,
    truncated: prompt.truncated,
  };
}
