import { prisma } from "@/lib/db";
import { itemCounts, parseObject } from "./store";
import type { JobStatus } from "./types";

// Reads for the jobs pages and GET /api/jobs: small, column-limited, no item bodies (per-item
// outcomes are paged separately: ./outcomes.ts).

export type JobSummary = {
  id: string; kind: string; status: JobStatus; datasetId: string | null; datasetName: string | null;
  total: number; done: number; failed: number; error: string | null; createdBy: string; createdAt: string; updatedAt: string;
};
export type JobItemView = { id: string; key: string; status: string; attempts: number; error: string | null; result: Record<string, unknown> | null; updatedAt: string };
export type JobDetail = JobSummary & {
  params: Record<string, unknown>;
  counts: { pending: number; running: number; done: number; failed: number };
  failures: JobItemView[];
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
  const [counts, failures] = await Promise.all([
    itemCounts(jobId),
    prisma.jobItem.findMany({ where: { jobId, status: "failed" }, orderBy: { updatedAt: "desc" }, take: opts.failures ?? 50, select: sel }),
  ]);
  const { params, ...rest } = j;
  // Live counts come from the items (the counters on Job catch up at the end of each item).
  return { ...summary(rest), done: counts.done, failed: counts.failed, params: parseObject(params), counts, failures: failures.map(item) };
}
