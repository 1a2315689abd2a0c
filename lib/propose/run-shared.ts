import { HELD_BACK_CODE } from "@/lib/core/propose/outcome";
import type { PromptTemplate } from "@/lib/data/prompt-templates";
import type { ChatMessage } from "@/lib/core/prompts/render";
import type { ChatResult } from "@/lib/model/client";
import type { ChatManyResult } from "@/lib/model/chat-n";
import { RetryableError } from "@/lib/jobs/types";
import { countChatTokens } from "@/lib/model/tokens";
import type { ProposeParams } from "./params";
import { solveMessages, verifierPrompt } from "./build-prompt";
import {
  PENDING_REASON,
  savePendingTurn1Many,
  storeProposalFast,
  type ExistingProposal,
  type ItemTrace,
} from "@/lib/data/proposal-store-sql";

// The reference's sampling structure (method.md §2): ONE turn-1 solution per attempt (n=1), then
// ONE turn-2 request with n=K samples that all continue it. One job item per trace makes the K
// proposals (samples 0..K-1). The turn-1 reply is stored at once as K pending proposals, so a
// retry or a restart asks only turn 2, and only for the samples not finished yet.

export type RunSharedInput = {
  trace: ItemTrace;
  template: PromptTemplate;
  params: ProposeParams;
  samples: number;
  jobItemId: string;
  jobId?: string | null;
  call: (messages: ChatMessage[]) => Promise<ChatResult>;
  callMany: (messages: ChatMessage[], n: number) => Promise<ChatManyResult>;
  /** every proposal already stored for this item, by sample */
  existing: (ExistingProposal & { sample: number })[];
};

function turn1UsageOf(sampling: string): ChatResult["usage"] | null {
  try {
    return (JSON.parse(sampling) as { usage?: { turn1?: ChatResult["usage"] } }).usage?.turn1 ?? null;
  } catch {
    return null;
  }
}

export async function runSharedProposals(x: RunSharedInput): Promise<Record<string, unknown>> {
  const finished = new Set(x.existing.filter((e) => e.parseReason !== PENDING_REASON).map((e) => e.sample));
  const todo = Array.from({ length: x.samples }, (_, s) => s).filter((s) => !finished.has(s));
  if (todo.length === 0) return { samples: x.samples, stored: 0, reused: true };
  const samplingMeta = {
    ...x.params.sampling,
    maxPromptTokens: x.params.maxPromptTokens,
    turn1: "shared",
    endpoint: x.params.endpoint,
  };
  const base = {
    traceId: x.trace.id,
    jobItemId: x.jobItemId,
    templateId: x.template.id,
    templateHash: x.template.hash,
    model: x.params.model,
  };
  const pending = x.existing.find((e) => e.parseReason === PENDING_REASON);
  let turn1Raw: string;
  let turn1Usage: ChatResult["usage"] | null;
  let turn1Requests = 0;
  let saved: Promise<unknown> = Promise.resolve();
  if (pending) {
    turn1Raw = pending.turn1Raw;
    turn1Usage = turn1UsageOf(pending.sampling);
  } else {
    const r1 = await x.call(solveMessages(x.template, x.trace.problem));
    turn1Requests = 1;
    turn1Raw = r1.text;
    turn1Usage = r1.usage;
    // written while turn 2 runs (off the item's critical path), so a failed turn 2 never asks
    // turn 1 again; a failed write only means a retry asks turn 1 again
    saved = savePendingTurn1Many(
      todo.map((sample) => ({ ...base, sample, sampling: { ...samplingMeta, usage: { turn1: r1.usage } }, turn1Raw })),
    ).catch(() => {});
  }
  const prompt = verifierPrompt(x.template, x.trace.problem, x.trace.text, turn1Raw, x.params.maxPromptTokens);
  let r2: ChatManyResult;
  try {
    r2 = await x.callMany(prompt.messages, todo.length);
  } finally {
    await saved; // before a retry reads the item again, and before the final rows replace the pending ones
  }
  const counted = prompt.promptTokens !== null;
  const promptTokens = prompt.promptTokens ?? r2.usage.promptTokens ?? countChatTokens(prompt.messages);
  const got = r2.choices.slice(0, todo.length);
  let parsed = 0;
  let noError = 0;
  let heldBack = 0;
  // what the job page shows for the item: its first usable proposal, else the first reason
  let first: { proposalId: string; location: number | null; interventionId: string | null } | null = null;
  let reason: string | null = null;
  for (const [i, choice] of got.entries()) {
    const stored = await storeProposalFast(
      {
        ...base,
        sample: todo[i],
        jobId: x.jobId,
        sampling: {
          ...samplingMeta,
          tokenCount: counted || r2.usage.promptTokens === null ? "qwen3" : "server",
          truncation: prompt.truncation,
          originalPromptTokens: prompt.originalTokens ?? promptTokens,
          // turn 1 is shared by the K samples; turn 2's usage is the whole n-sample request
          usage: { turn1: turn1Usage, turn2: r2.usage, turn2Samples: got.length, turn2Choice: i },
          finishReason: choice.finishReason,
        },
        turn1Raw,
        turn2Raw: choice.text,
        promptTokens,
        truncated: prompt.truncated,
      },
      { stepCount: x.trace.stepCount, answer: x.trace.problem.answer },
    );
    if (stored.parse.ok) {
      parsed++;
      if (stored.parse.noError) noError++;
      if (!first || (first.location === null && stored.location !== null))
        first = { proposalId: stored.proposalId, location: stored.location, interventionId: stored.interventionId };
    } else {
      const held = stored.parse.reason.startsWith(HELD_BACK_CODE);
      if (held) heldBack++;
      // the item's outcome names a held-back one before a parse failure: so does its reason
      if (reason === null || (held && !reason.startsWith(HELD_BACK_CODE))) reason = stored.parse.reason;
    }
  }
  if (got.length < todo.length) {
    // store what came; the retry asks only for the samples still missing
    throw new RetryableError(`the server returned ${got.length} of ${todo.length} samples`);
  }
  return {
    samples: x.samples,
    stored: got.length,
    parsed,
    noError,
    heldBack,
    failed: got.length - parsed,
    ...(first ?? {}),
    ...(first ? {} : { reason }),
    requests: turn1Requests + 1,
    promptTokens,
    truncated: prompt.truncated,
  };
}
