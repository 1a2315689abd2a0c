import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { prisma } from "@/lib/db";
import { verifierPrompt } from "@/lib/propose/build-prompt";
import { PENDING_REASON } from "@/lib/propose/run-proposal";
import { storeProposal } from "@/lib/propose/store";
import { getTemplate } from "@/lib/model/templates";
import { countChatTokens } from "@/lib/model/tokens";
import { parseResultLine } from "./format";
import { batchJobItemId, getBatchMeta } from "./meta";

// Import a results file, matched by custom_id. Idempotent: a solve result fills a pending
// proposal once; a verify result finishes it once; importing the same file again changes nothing.

export type ImportSummary = { lines: number; solve: number; verify: number; unchanged: number; failed: { line: number; customId: string | null; reason: string }[] };

export async function importResults(file: string): Promise<ImportSummary> {
  const sum: ImportSummary = { lines: 0, solve: 0, verify: 0, unchanged: 0, failed: [] };
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    sum.lines++;
    const r = parseResultLine(line);
    const fail = (reason: string) => sum.failed.push({ line: lineNo, customId: r.customId ? `${r.customId.batchId}:${r.customId.stage}:${r.customId.traceId}:${r.customId.sample}` : null, reason });
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
    const key = { traceId_jobItemId_sample: { traceId, jobItemId: batchJobItemId(batchId), sample } };
    const trace = await prisma.trace.findUnique({ where: { id: traceId }, select: { id: true, text: true, stepCount: true, problem: { select: { statement: true, referenceSolution: true, answer: true } } } });
    if (!trace) {
      fail("trace not found");
      continue;
    }
    const existing = await prisma.proposal.findUnique({ where: key });
    const sampling = { ...meta.sampling, maxPromptTokens: meta.maxPromptTokens, batchId };
    if (stage === "solve") {
      if (existing) {
        sum.unchanged++;
        continue;
      }
      await prisma.proposal.create({
        data: {
          traceId, jobItemId: batchJobItemId(batchId), sample, templateId: meta.templateId, templateHash: meta.templateHash,
          model: meta.model, sampling: JSON.stringify(sampling), turn1Raw: r.text, parseOk: false, parseReason: PENDING_REASON,
        },
      });
      sum.solve++;
      continue;
    }
    if (!existing) {
      fail("no turn-1 result imported for this proposal (import the solve results first)");
      continue;
    }
    if (existing.parseReason !== PENDING_REASON) {
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
    await storeProposal(
      {
        traceId, jobItemId: batchJobItemId(batchId), sample, templateId: meta.templateId, templateHash: meta.templateHash,
        model: meta.model, sampling: { ...sampling, truncation: prompt.truncation, usage: { turn2: r.usage }, finishReason: r.finishReason },
        turn1Raw: existing.turn1Raw, turn2Raw: r.text, promptTokens, truncated: prompt.truncated,
      },
      { stepCount: trace.stepCount, answer: trace.problem.answer },
    );
    sum.verify++;
  }
  return sum;
}
