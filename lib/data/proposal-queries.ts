import { prisma, type Tx } from "@/lib/db";
import { PENDING_REASON } from "@/lib/propose/run-proposal";
import { AGREEMENT_GROUPS } from "./analysis-sql";
import { cachedByFingerprint } from "./analysis";
import { modelVsWinner } from "./model-vs-label";
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

/**
 * Human vs model first-error step, as the Analysis page counts it (one definition, so the two
 * pages agree): traces that have both labels, the person's newest label (else the imported
 * one) against the newest model label; "no error" is step null. compared = traces, agree =
 * traces where both name the same step or both say no error.
 */
export async function firstErrorAgreement(where: { datasetId: string }, db: Tx = prisma): Promise<Agreement> {
  // Cached like the Analysis page (any label change alters the fingerprint): the statement probes
  // four labels per model-labelled trace, ~150 ms of CPU with 20,000 of them, on every list render.
  return cachedByFingerprint(`model-agreement:${where.datasetId}`, where.datasetId, async () => {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(AGREEMENT_GROUPS, where.datasetId);
    const a = modelVsWinner(rows);
    const compared = a.erroneous + a.correct;
    const agree = a.erroneousCorrect + a.correctCorrect;
    return { compared, agree, rate: compared ? agree / compared : null };
  }, db);
}
