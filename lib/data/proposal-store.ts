import { prisma, type Tx } from "@/lib/db";
import type { Proposal } from "@/lib/generated/prisma/client";
import { parseIntervention, type ParseResult } from "@/lib/core/parse-intervention";
import { deriveTraceStatus } from "@/lib/core/status";
import { interventionHash } from "@/lib/data/interventions";

// Writes of the propose stage. Everything is keyed so that running an item again (after a
// crash, a retry or a batch re-import) changes nothing twice:
//   Proposal        unique (traceId, jobItemId, sample): upsert
//   FirstErrorLabel unique (traceId, "model", annotator = model name): created once; the first
//                   parsed proposal of a model sets the step, later ones do not move it
//   Intervention    unique (traceId, contentHash): created once as "proposed"; a person's
//                   decision on the same text is never overwritten
// (find-then-create inside the transaction: SQLite serialises writers, so no race)

export type ProposalInput = {
  traceId: string;
  jobItemId: string; // job item id, or "batch:<custom_id>" for batch imports
  jobId?: string | null;
  sample: number;
  templateId: string | null;
  templateHash: string;
  model: string;
  sampling: Record<string, unknown>; // sampling + prompt limit, truncation and usage details
  turn1Raw: string;
  turn2Raw: string;
  promptTokens: number | null;
  truncated: boolean;
};

export type StoredProposal = { proposal: Proposal; parse: ParseResult; interventionId: string | null; labelCreated: boolean };

function parsedFields(r: ParseResult) {
  return {
    parseOk: r.ok,
    parseReason: r.ok ? null : r.reason,
    // a "no error" verdict is ok with no location and no content
    location: r.ok ? (r.value?.location ?? null) : (r.partial.location ?? null),
    content: r.ok ? (r.value?.content ?? null) : (r.partial.content ?? null),
    verificationLog: r.sections.verificationLog,
    errorReport: r.sections.errorReport,
  };
}

// Shared with the SQL twin of the job's hot path (proposal-store-sql.ts), so both write the same text.
export const modelLabelNote = (sample: number) => `model proposal (sample ${sample})`;
type ProvenanceSource = Pick<Proposal, "id" | "jobItemId" | "sample" | "model" | "templateId" | "templateHash">;
export function proposalProvenance(p: ProvenanceSource, jobId: string | null | undefined) {
  return {
    via: "propose", proposalId: p.id, jobId: jobId ?? null, jobItemId: p.jobItemId, sample: p.sample,
    model: p.model, templateId: p.templateId, templateHash: p.templateHash,
  };
}

/**
 * Label + intervention for an ok parse, and the trace's derived status (deriveTraceStatus) when a
 * new intervention changes it. Idempotent. One read: this runs once per proposal in a job.
 */
export async function applyParsed(tx: Tx, p: Proposal, extra: { jobId?: string | null } = {}) {
  const none = { interventionId: null, labelCreated: false, interventionCreated: false };
  if (p.parseOk && p.location === null && p.content === null) return { ...none, labelCreated: await noErrorLabel(tx, p) };
  if (!p.parseOk || p.location === null || p.content === null) return none;
  const contentHash = interventionHash(p.location, p.content);
  const t = await tx.trace.findUnique({
    where: { id: p.traceId },
    select: {
      status: true, hasIntervention: true, humanStep: true,
      labels: { where: { OR: [{ source: { in: ["final", "human"] } }, { source: "model", annotator: p.model }] }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], select: { source: true, step: true } },
      interventions: { select: { id: true, status: true, contentHash: true } },
    },
  });
  if (!t) return none;
  const labelExists = t.labels.some((l) => l.source === "model");
  if (!labelExists) {
    await tx.firstErrorLabel.create({
      data: { traceId: p.traceId, source: "model", annotator: p.model, step: p.location, proposalId: p.id, note: modelLabelNote(p.sample) },
    });
  }
  const iv = t.interventions.find((i) => i.contentHash === contentHash);
  if (iv) return { interventionId: iv.id, labelCreated: !labelExists, interventionCreated: false };
  const provenance = proposalProvenance(p, extra.jobId);
  const created = await tx.intervention.create({
    data: {
      traceId: p.traceId, location: p.location, content: p.content, status: "proposed", origin: "model",
      author: p.model, provenance: JSON.stringify(provenance), contentHash, proposalId: p.id,
    },
    select: { id: true },
  });
  // the trace's label as recomputeTrace (lib/data/traces.ts) has it: the final label, else the newest person's
  const human = t.labels.find((l) => l.source === "final") ?? t.labels.find((l) => l.source === "human") ?? null;
  const d = deriveTraceStatus({ humanLabel: human, interventionStatuses: [...t.interventions.map((i) => i.status), "proposed"] });
  if (d.status !== t.status || d.hasIntervention !== t.hasIntervention || (human?.step ?? null) !== t.humanStep) {
    await tx.trace.update({ where: { id: p.traceId }, data: { status: d.status, hasIntervention: d.hasIntervention, humanStep: human?.step ?? null, version: { increment: 1 } } });
  }
  return { interventionId: created.id, labelCreated: !labelExists, interventionCreated: true };
}

/**
 * A "no critical error" verdict (parse ok, no location, no content) is the model's first-error
 * label "no error" (step null), created once per model like any model label; it makes no
 * intervention and does not change the trace's status.
 */
async function noErrorLabel(tx: Tx, p: Proposal): Promise<boolean> {
  const exists = await tx.firstErrorLabel.findFirst({ where: { traceId: p.traceId, source: "model", annotator: p.model }, select: { id: true } });
  if (exists) return false;
  await tx.firstErrorLabel.create({ data: { traceId: p.traceId, source: "model", annotator: p.model, step: null, proposalId: p.id, note: modelLabelNote(p.sample) } });
  return true;
}

export async function storeProposal(input: ProposalInput, ctx: { stepCount: number; answer: string }): Promise<StoredProposal> {
  const parse = parseIntervention(input.turn2Raw, { stepCount: ctx.stepCount, answer: ctx.answer });
  const data = {
    templateId: input.templateId, templateHash: input.templateHash, model: input.model,
    sampling: JSON.stringify(input.sampling), turn1Raw: input.turn1Raw, turn2Raw: input.turn2Raw,
    promptTokens: input.promptTokens, truncated: input.truncated, ...parsedFields(parse),
  };
  return prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.upsert({
      where: { traceId_jobItemId_sample: { traceId: input.traceId, jobItemId: input.jobItemId, sample: input.sample } },
      create: { traceId: input.traceId, jobItemId: input.jobItemId, sample: input.sample, ...data },
      update: data,
    });
    const applied = await applyParsed(tx, proposal, { jobId: input.jobId });
    return { proposal, parse, interventionId: applied.interventionId, labelCreated: applied.labelCreated };
  });
}

export { parsedFields };
