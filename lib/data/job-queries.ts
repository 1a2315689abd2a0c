import { prisma } from "@/lib/db";
import { itemCounts, parseObject } from "./job-store";
import type { JobStatus } from "@/lib/jobs/types";
import { HELD_BACK_CODE, PENDING_REASON, type OutcomeCounts } from "@/lib/core/propose/outcome";
import { table } from "./sql-types";

// (names checked against the schema by tsc: ./sql-types.ts)
const p = table("Proposal", "p");
const ji = table("JobItem", "ji");
/** The outcome in SQL over a Proposal row (same rule as proposalOutcome, lib/core/propose/outcome.ts). */
const OUTCOME_SQL = `CASE WHEN ${p.parseOk} AND ${p.location} IS NULL THEN 'no_error' WHEN ${p.parseOk} THEN 'parsed'
  WHEN ${p.parseReason} LIKE '${HELD_BACK_CODE}%' THEN 'held_back' ELSE 'parse_failed' END`;
const OUTCOMES = `SELECT ${OUTCOME_SQL} AS o, COUNT(*) AS n FROM ${ji}
       CROSS JOIN ${p} ON ${p.traceId} = json_extract(${ji.payload}, '$.traceId') AND ${p.jobItemId} = ${ji.id}
     WHERE ${ji.jobId} = ? AND (${p.parseReason} IS NULL OR ${p.parseReason} <> ?) GROUP BY o`;

// A propose job's stored proposals by outcome, read from the Proposal rows of its items (an item
// holds one proposal, or K when turn 1 is shared); pending halves (turn 2 not run) are left out.
async function proposeOutcomes(jobId: string): Promise<OutcomeCounts> {
  const rows = await prisma.$queryRawUnsafe<{ o: string; n: bigint | number }[]>(OUTCOMES, jobId, PENDING_REASON);
  const c: OutcomeCounts = { parsed: 0, no_error: 0, held_back: 0, parse_failed: 0 };
  for (const r of rows) if (r.o in c) c[r.o as keyof OutcomeCounts] += Number(r.n);
  return c;
}

// Reads for the jobs pages and GET /api/jobs: small, column-limited, no item bodies (per-item
// outcomes are paged separately: ./job-outcomes.ts).

export type JobSummary = {
  id: string; kind: string; status: JobStatus; datasetId: string | null; datasetName: string | null;
  total: number; done: number; failed: number; error: string | null; createdBy: string; createdAt: string; updatedAt: string;
};
export type JobItemView = { id: string; key: string; status: string; attempts: number; error: string | null; result: Record<string, unknown> | null; updatedAt: string };
export type JobDetail = JobSummary & {
  params: Record<string, unknown>;
  counts: { pending: number; running: number; done: number; failed: number };
  failures: JobItemView[];
  /** propose jobs: stored proposals by outcome (parsed / no critical error / held back by the leak filter / parse failed) */
  outcomes?: OutcomeCounts;
};

const summarySelect = {
  id: true, kind: true, status: true, datasetId: true, total: true, done: true, failed: true, error: true,
  createdBy: true, createdAt: true, updatedAt: true, dataset: { select: { name: true } },
} as const;

type Row = { id: string; kind: string; status: string; datasetId: string | null; total: number; done: number; failed: number; error: string | null; createdBy: string; createdAt: Date; updatedAt: Date; dataset: { name: string } | null };

function summary(j: Row): JobSummary {
  const { dataset, createdAt, updatedAt, status, ...rest } = j;
  return { ...rest, status: status as JobStatus, datasetName: dataset?.name ?? null, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export async function listJobs(opts: { take?: number; datasetId?: string } = {}): Promise<JobSummary[]> {
  const rows = await prisma.job.findMany({
    where: opts.datasetId ? { datasetId: opts.datasetId } : {},
    orderBy: { createdAt: "desc" }, take: opts.take ?? 100, select: summarySelect,
  });
  return rows.map(summary);
}

function item(i: { id: string; key: string; status: string; attempts: number; error: string | null; result: string | null; updatedAt: Date }): JobItemView {
  return { ...i, result: i.result === null ? null : parseObject(i.result), updatedAt: i.updatedAt.toISOString() };
}

export async function getJobDetail(jobId: string, opts: { failures?: number } = {}): Promise<JobDetail | null> {
  const j = await prisma.job.findUnique({ where: { id: jobId }, select: { ...summarySelect, params: true } });
  if (!j) return null;
  const sel = { id: true, key: true, status: true, attempts: true, error: true, result: true, updatedAt: true } as const;
  const [counts, failures, outcomes] = await Promise.all([
    itemCounts(jobId),
    prisma.jobItem.findMany({ where: { jobId, status: "failed" }, orderBy: { updatedAt: "desc" }, take: opts.failures ?? 50, select: sel }),
    j.kind === "propose" ? proposeOutcomes(jobId) : Promise.resolve(undefined),
  ]);
  const { params, ...rest } = j;
  // Live counts come from the items (the counters on Job catch up at the end of each item).
  return { ...summary(rest), done: counts.done, failed: counts.failed, params: parseObject(params), counts, failures: failures.map(item), ...(outcomes ? { outcomes } : {}) };
}
