import { prisma, type Tx } from "@/lib/db";
import { PENDING_REASON } from "./run-proposal";
import { heldBackReason, proposalOutcome, type ProposalOutcome } from "@/lib/core/propose/outcome";

// Reads for the review screen and the dataset view (server-only).

export type ProposalView = {
  id: string; sample: number; model: string; createdAt: Date; jobItemId: string | null;
  templateId: string | null; templateHash: string; sampling: Record<string, unknown>;
  parseOk: boolean; parseReason: string | null; location: number | null; content: string | null;
  verificationLog: string | null; errorReport: string | null; turn1Raw: string; turn2Raw: string;
  promptTokens: number | null; truncated: boolean; interventionId: string | null; interventionStatus: string | null;
  outcome: ProposalOutcome;
  /** for a held-back proposal: `held back: contains the answer "1"` */
  heldBack: string | null;
  /** for a held-back proposal: the ground-truth answer its content contains */
  leakedAnswer: string | null;
};

const safeJson = (s: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** Finished proposals of a trace (pending half-done ones are left out), newest first, with their intervention. */
export async function listProposals(traceId: string, db: Tx = prisma): Promise<ProposalView[]> {
  const [rows, ivs, trace] = await Promise.all([
    db.proposal.findMany({
      where: { traceId, OR: [{ parseReason: null }, { parseReason: { not: PENDING_REASON } }] },
      orderBy: [{ createdAt: "desc" }, { sample: "asc" }],
    }),
    db.intervention.findMany({ where: { traceId, proposalId: { not: null } }, select: { id: true, proposalId: true, status: true, location: true, content: true } }),
    db.trace.findUnique({ where: { id: traceId }, select: { problem: { select: { answer: true } } } }),
  ]);
  return rows.map((p) => {
    // the intervention this proposal created, or the one with identical text created by a sibling
    const iv = ivs.find((i) => i.proposalId === p.id) ?? (p.parseOk ? ivs.find((i) => i.location === p.location && i.content === p.content) : undefined);
    return {
      id: p.id, sample: p.sample, model: p.model, createdAt: p.createdAt, jobItemId: p.jobItemId,
      templateId: p.templateId, templateHash: p.templateHash, sampling: safeJson(p.sampling),
      parseOk: p.parseOk, parseReason: p.parseReason, location: p.location, content: p.content,
      verificationLog: p.verificationLog, errorReport: p.errorReport, turn1Raw: p.turn1Raw, turn2Raw: p.turn2Raw,
      promptTokens: p.promptTokens, truncated: p.truncated, interventionId: iv?.id ?? null, interventionStatus: iv?.status ?? null,
      outcome: proposalOutcome(p), heldBack: proposalOutcome(p) === "held_back" ? heldBackReason(trace?.problem.answer ?? "") : null,
      leakedAnswer: proposalOutcome(p) === "held_back" ? trace?.problem.answer ?? "" : null,
    };
  });
}

export type Agreement = { compared: number; agree: number; rate: number | null };

/** Human vs model first-error step, over traces that have both labels (a "no error" human label counts as step null). */
// Driven by the human labels (few: people write them one by one), each joined to the model labels
// of its trace through the (traceId, source, annotator) index. Loading every label of the dataset
// and its trace's row cost ~1 s per trace-list render at 100,000 traces (issue 15 §4).
const AGREEMENT = (scope: string) => `
WITH h AS (
  SELECT "traceId", "step" FROM (
    SELECT l."traceId", l."step", ROW_NUMBER() OVER (PARTITION BY l."traceId" ORDER BY l."updatedAt" DESC, l."id" DESC) AS rn
    FROM "FirstErrorLabel" l WHERE l."source" = 'human'${scope}
  ) WHERE rn = 1
)
SELECT COUNT(*) AS compared, COALESCE(SUM(m."step" IS h."step"), 0) AS agree
FROM h JOIN "FirstErrorLabel" m ON m."traceId" = h."traceId" AND m."source" = 'model'`;

/** Model first-error labels vs the trace's latest human label (both "no error" agree). */
export async function firstErrorAgreement(where: { datasetId?: string; traceId?: string }, db: Tx = prisma): Promise<Agreement> {
  const scope: string[] = [];
  const params: unknown[] = [];
  if (where.traceId) { scope.push(` AND l."traceId" = ?`); params.push(where.traceId); }
  if (where.datasetId) {
    // index-only: the Trace row would be read behind its text
    scope.push(` AND EXISTS (SELECT 1 FROM "Trace" s INDEXED BY "Trace_datasetId_id_idx" WHERE s."datasetId" = ? AND s."id" = l."traceId")`);
    params.push(where.datasetId);
  }
  const [row] = await db.$queryRawUnsafe<{ compared: bigint | number; agree: bigint | number }[]>(AGREEMENT(scope.join("")), ...params);
  const compared = Number(row.compared);
  const agree = Number(row.agree);
  return { compared, agree, rate: compared ? agree / compared : null };
}
