import { prisma } from "@/lib/db";
import { PENDING_REASON } from "@/lib/core/propose/outcome";
import { batchJobItemId } from "./batch-meta";

// The propose stage's OpenAI Batch files (lib/batch/export.ts, lib/batch/import.ts) read and
// write proposals here; those files do the file I/O and prompt building only. A batch's
// proposals carry jobItemId "batch:<batchId>" (unique with trace and sample), so importing the
// same results twice finds the rows of the first import.

export type BatchProblem = { statement: string; referenceSolution: string; answer: string };
const problemSelect = { select: { statement: true, referenceSolution: true, answer: true } } as const;

/** The traces of one solve page with their problems, by id. */
export async function solveTraces(ids: string[]): Promise<{ id: string; problem: BatchProblem }[]> {
  return prisma.trace.findMany({ where: { id: { in: ids } }, select: { id: true, problem: problemSelect }, orderBy: { id: "asc" } });
}

export type PendingBatchProposal = {
  id: string; traceId: string; sample: number; jobItemId: string | null; turn1Raw: string;
  trace: { text: string; problem: BatchProblem };
};

/** One page (id order, after `cursor`) of the dataset's batch proposals whose turn 2 is still to run. */
export async function pendingBatchProposalsPage(datasetId: string, batchId: string | undefined, cursor: string | undefined, take: number): Promise<PendingBatchProposal[]> {
  return prisma.proposal.findMany({
    where: { parseReason: PENDING_REASON, trace: { datasetId }, jobItemId: batchId ? batchJobItemId(batchId) : { startsWith: "batch:" } },
    select: { id: true, traceId: true, sample: true, jobItemId: true, turn1Raw: true, trace: { select: { text: true, problem: problemSelect } } },
    orderBy: { id: "asc" },
    take,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
}

/** A trace's pending samples of one batch, in sample order (shared turn 1: one verify line asks for all). */
export async function pendingSamples(traceId: string, jobItemId: string | null): Promise<{ sample: number; turn1Raw: string }[]> {
  return prisma.proposal.findMany({ where: { traceId, jobItemId, parseReason: PENDING_REASON }, select: { sample: true, turn1Raw: true }, orderBy: { sample: "asc" } });
}

/** What a result line needs of its trace (null when it was deleted since the export). */
export async function batchTrace(traceId: string): Promise<{ id: string; text: string; stepCount: number; problem: BatchProblem } | null> {
  return prisma.trace.findUnique({ where: { id: traceId }, select: { id: true, text: true, stepCount: true, problem: problemSelect } });
}

/** The proposal of one (trace, batch, sample), finished or pending. */
export async function batchProposal(traceId: string, batchId: string, sample: number): Promise<{ sample: number; turn1Raw: string; parseReason: string | null } | null> {
  return prisma.proposal.findUnique({
    where: { traceId_jobItemId_sample: { traceId, jobItemId: batchJobItemId(batchId), sample } },
    select: { sample: true, turn1Raw: true, parseReason: true },
  });
}

export type PendingProposalInput = { traceId: string; batchId: string; sample: number; templateId: string; templateHash: string; model: string; sampling: string; turn1Raw: string };

/** A solve result kept as pending proposals (turn 2 not yet run). */
export async function createPendingProposals(rows: PendingProposalInput[]): Promise<void> {
  await prisma.proposal.createMany({
    data: rows.map(({ batchId, ...r }) => ({ ...r, jobItemId: batchJobItemId(batchId), parseOk: false, parseReason: PENDING_REASON })),
  });
}
