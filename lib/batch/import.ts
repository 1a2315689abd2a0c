import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { verifierPrompt } from "@/lib/propose/build-prompt";
import { PENDING_REASON } from "@/lib/propose/run-proposal";
import { batchProposal, batchTrace, createPendingProposals, pendingSamples } from "@/lib/data/batch-proposals";
import { storeProposal } from "@/lib/data/proposal-store";
import { getTemplate } from "@/lib/data/prompt-templates";
import { countChatTokens } from "@/lib/model/tokens";
import { parseResultLine } from "./format";
import { batchJobItemId, getBatchMeta } from "@/lib/data/batch-meta";

// Import a results file, matched by custom_id. Idempotent: a solve result fills a pending
// proposal once; a verify result finishes it once; importing the same file again changes nothing.
// Shared turn 1 (batch meta): a solve result becomes K pending proposals (samples 0..K-1) with
// the same turn-1 text; a verify result's choices finish the pending samples in sample order.

export type BatchImportSummary = {
  lines: number;
  solve: number;
  verify: number;
  unchanged: number;
  failed: { line: number; customId: string | null; reason: string }[];
};

export async function importResults(file: string): Promise<BatchImportSummary> {
  const sum: BatchImportSummary = { lines: 0, solve: 0, verify: 0, unchanged: 0, failed: [] };
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    sum.lines++;
    const r = parseResultLine(line);
    const fail = (reason: string) =>
      sum.failed.push({
        line: lineNo,
        customId: r.customId
          ? `${r.customId.batchId}:${r.customId.stage}:${r.customId.traceId}:${r.customId.sample}`
          : null,
        reason,
      });
    if (!r.ok) {
      fail(r.reason);
      continue;
    }
    const { batchId, stage, traceId, sample } = r.customId;
    const meta = await getBatchMeta(batchId);
    if (!meta) {
      fail(`unknown batch ${batchId} (exported from another database?)`);
      continue;
    }
    const trace = await batchTrace(traceId);
    if (!trace) {
      fail("trace not found");
      continue;
    }
    const existing = await batchProposal(traceId, batchId, sample);
    const sampling = { ...meta.sampling, maxPromptTokens: meta.maxPromptTokens, batchId };
    if (stage === "solve") {
      if (existing) {
        sum.unchanged++;
        continue;
      }
      const samples = meta.turn1 === "shared" ? Array.from({ length: meta.k }, (_, s) => s) : [sample];
      await createPendingProposals(
        samples.map((s) => ({
          traceId,
          batchId,
          sample: s,
          templateId: meta.templateId,
          templateHash: meta.templateHash,
          model: meta.model,
          sampling: JSON.stringify({ ...sampling, turn1: meta.turn1 }),
          turn1Raw: r.text,
        })),
      );
      sum.solve++;
      continue;
    }
    if (!existing) {
      fail("no turn-1 result imported for this proposal (import the solve results first)");
      continue;
    }
    // shared: the choices finish this trace's pending samples in order; independent: this one
    const targets =
      meta.turn1 === "shared"
        ? await pendingSamples(traceId, batchJobItemId(batchId))
        : existing.parseReason === PENDING_REASON
          ? [existing]
          : [];
    if (targets.length === 0) {
      sum.unchanged++;
      continue;
    }
    const template = await getTemplate(meta.templateId);
    if (!template) {
      fail("prompt template not found");
      continue;
    }
    // Rebuild the exact prompt of the export to record its size and truncation.
    const prompt = verifierPrompt(template, trace.problem, trace.text, existing.turn1Raw, meta.maxPromptTokens);
    const promptTokens = prompt.promptTokens ?? r.usage?.prompt_tokens ?? countChatTokens(prompt.messages);
    const texts = r.texts.slice(0, targets.length);
    for (const [i, target] of targets.slice(0, texts.length).entries()) {
      await storeProposal(
        {
          traceId,
          jobItemId: batchJobItemId(batchId),
          sample: target.sample,
          templateId: meta.templateId,
          templateHash: meta.templateHash,
          model: meta.model,
          sampling: {
            ...sampling,
            turn1: meta.turn1,
            truncation: prompt.truncation,
            usage: { turn2: r.usage, turn2Samples: r.texts.length, turn2Choice: i },
            finishReason: i === 0 ? r.finishReason : null,
          },
          turn1Raw: target.turn1Raw,
          turn2Raw: texts[i],
          promptTokens,
          truncated: prompt.truncated,
        },
        { stepCount: trace.stepCount, answer: trace.problem.answer },
      );
      sum.verify++;
    }
    if (texts.length < targets.length)
      fail(`${texts.length} of ${targets.length} samples in the result; export the verify stage again for the rest`);
  }
  return sum;
}
