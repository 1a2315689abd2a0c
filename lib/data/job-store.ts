import { prisma } from "@/lib/db";
import type { JobProgress, JobStatus } from "@/lib/jobs/types";
import { read, stmt, writeTx } from "@/lib/data/stage-db";
import { nowText } from "@/lib/data/sqlite";
import { table, type Row } from "./sql-types";

// Database side of the runner. Claims are one atomic UPDATE of pending rows,
// so two runners (the server and a CLI) never get the same item. A running item's lease is its
// `updatedAt`, refreshed by the heartbeat; a lease older than the timeout belongs to a dead process.
// The statements a running job repeats (claim, complete, count, status, heartbeat) go through the
// stage connection (stage-db.ts): through Prisma each cost ~5 ms of CPU, about 4 ms per item of a
// rollout job, which on a CPU-bound machine came straight off the model calls in flight.

// (names checked against the schema by tsc: ./sql-types.ts)
const J = table("Job");
const I = table("JobItem");

export type ClaimedItem = { id: string; key: string; payload: Record<string, unknown>; attempts: number };

export const ACTIVE: JobStatus[] = ["queued", "running"];

export async function markJobRunning(jobId: string): Promise<boolean> {
  const r = await prisma.job.updateMany({ where: { id: jobId, status: { in: ACTIVE } }, data: { status: "running" } });
  return r.count === 1;
}

const JOB_STATUS = `SELECT ${J.status} FROM ${J} WHERE ${J.id} = ?`;

export async function jobStatus(jobId: string): Promise<JobStatus | null> {
  const row = await read(() => stmt<Row<"Job", "status">>(JOB_STATUS).get(jobId));
  return (row?.status as JobStatus) ?? null;
}

/** Claim up to `n` pending items in one atomic statement (SQLite runs it as a single write). */
const CLAIM_SQL = `
  UPDATE ${I} SET ${I.status} = 'running', ${I.attempts} = ${I.attempts} + 1, ${I.result} = ?, ${I.updatedAt} = ?
  WHERE ${I.id} IN (SELECT ${I.id} FROM ${I} WHERE ${I.jobId} = ? AND ${I.status} = 'pending' ORDER BY ${I.key} LIMIT ?)
  RETURNING ${I.id}, ${I.key}, ${I.payload}, ${I.attempts}`;

export async function claimItems(jobId: string, owner: string, n: number): Promise<ClaimedItem[]> {
  if (n <= 0) return [];
  const lease = JSON.stringify({ lease: owner });
  const rows = await writeTx(() => stmt<{ id: string; key: string; payload: string; attempts: number | bigint }>(CLAIM_SQL).all(lease, nowText(), jobId, n));
  return rows
    .map((r) => ({ id: r.id, key: r.key, attempts: Number(r.attempts), payload: parseObject(r.payload) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Record a finished item; counts it only if this runner still held it. */
// The per-item writes below are raw SQL: Prisma's query compiler costs several ms per call,
// which at 32 items in flight shows up in throughput (bench/propose-job.ts).

const COMPLETE_SQL = `UPDATE ${I} SET ${I.status} = 'done', ${I.error} = NULL, ${I.updatedAt} = ?, ${I.result} = ? WHERE ${I.id} = ? AND ${I.status} = 'running'`;
const FAIL_SQL = `
    UPDATE ${I} SET ${I.status} = 'failed', ${I.result} = NULL, ${I.error} = ?, ${I.updatedAt} = ?
    WHERE ${I.id} = ? AND ${I.status} = 'running'`;
const ADD_COUNTS_SQL = `UPDATE ${J} SET ${J.done} = ${J.done} + ?, ${J.failed} = ${J.failed} + ?, ${J.updatedAt} = ? WHERE ${J.id} = ?`;
const BUMP_SQL = `
    UPDATE ${I} SET ${I.attempts} = ${I.attempts} + 1, ${I.error} = ?, ${I.updatedAt} = ? WHERE ${I.id} = ? AND ${I.status} = 'running'`;
const RELEASE_SQL = `
    UPDATE ${I} SET ${I.status} = 'pending', ${I.attempts} = MAX(0, ${I.attempts} - 1), ${I.result} = NULL, ${I.updatedAt} = ?
    WHERE ${I.id} = ? AND ${I.status} = 'running'`;
const HEARTBEAT_SQL = `UPDATE ${I} SET ${I.updatedAt} = ? WHERE ${I.id} = ? AND ${I.status} = 'running'`;
const RUNNING_ITEMS = `SELECT ${I.id}, ${I.result} FROM ${I} WHERE ${I.status} = 'running'`;

/** Record several finished items in one transaction; returns the ids this runner still held. */
export async function completeItems(batch: { id: string; result: Record<string, unknown> }[]): Promise<string[]> {
  if (batch.length === 0) return [];
  const now = nowText();
  return writeTx(() => batch.filter((b) => stmt(COMPLETE_SQL).run(now, JSON.stringify(b.result ?? {}), b.id).changes === 1).map((b) => b.id));
}

export async function failItem(itemId: string, error: string): Promise<boolean> {
  const n = await prisma.$executeRawUnsafe(FAIL_SQL, error, new Date(), itemId);
  return n === 1;
}

/** Add finished counts to the job row (batched by the execution: one write per control tick). */
export async function addCounts(jobId: string, done: number, failed: number): Promise<void> {
  if (done === 0 && failed === 0) return;
  await writeTx(() => stmt(ADD_COUNTS_SQL).run(done, failed, nowText(), jobId));
}

export async function bumpAttempt(itemId: string, lastError: string): Promise<void> {
  await prisma.$executeRawUnsafe(BUMP_SQL, lastError, new Date(), itemId);
}

/** Give an item back (pause, cancel, shutdown): the interrupted attempt does not count. */
export async function releaseItem(itemId: string): Promise<void> {
  await prisma.$executeRawUnsafe(RELEASE_SQL, new Date(), itemId);
}

export async function heartbeat(itemIds: string[]): Promise<void> {
  if (itemIds.length === 0) return;
  const now = nowText();
  await writeTx(() => {
    for (const id of itemIds) stmt(HEARTBEAT_SQL).run(now, id);
  });
}

/** Items whose lease expired (their process died) go back to pending. Returns how many. */
export async function recoverStale(leaseMs: number, exceptIds: string[] = [], jobId?: string): Promise<number> {
  const r = await prisma.jobItem.updateMany({
    where: { status: "running", updatedAt: { lt: new Date(Date.now() - leaseMs) }, id: { notIn: exceptIds }, ...(jobId ? { jobId } : {}) },
    data: { status: "pending", result: null },
  });
  return r.count;
}

/**
 * Items leased by a process of this machine that no longer exists go back to pending at once
 * (a restarted server need not wait for the lease to expire). Returns how many.
 */
export async function recoverDeadOwners(isAlive: (pid: number) => boolean, jobId?: string): Promise<number> {
  const rows = jobId
    ? await prisma.$queryRawUnsafe<Row<"JobItem", "id" | "result">[]>(`${RUNNING_ITEMS} AND ${I.jobId} = ? LIMIT 2000`, jobId)
    : await prisma.$queryRawUnsafe<Row<"JobItem", "id" | "result">[]>(`${RUNNING_ITEMS} LIMIT 2000`);
  const dead: string[] = [];
  const alive = new Map<number, boolean>();
  for (const r of rows) {
    const pid = Number(/^(\d+)-/.exec(String(parseObject(r.result).lease ?? ""))?.[1]);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (!alive.has(pid)) alive.set(pid, isAlive(pid));
    if (!alive.get(pid)) dead.push(r.id);
  }
  if (dead.length === 0) return 0;
  const res = await prisma.jobItem.updateMany({ where: { id: { in: dead }, status: "running" }, data: { status: "pending", result: null } });
  return res.count;
}

export async function itemCounts(jobId: string): Promise<Record<"pending" | "running" | "done" | "failed", number>> {
  const rows = await prisma.jobItem.groupBy({ by: ["status"], where: { jobId }, _count: { _all: true } });
  const c = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) if (r.status in c) c[r.status as keyof typeof c] = r._count._all;
  return c;
}

/** All items settled: done unless every item failed. Counters are recomputed from the items. */
export async function finalizeJob(jobId: string): Promise<void> {
  const c = await itemCounts(jobId);
  if (c.pending > 0 || c.running > 0) return;
  const status: JobStatus = c.failed > 0 && c.done === 0 ? "failed" : "done";
  const error = c.failed > 0 ? `${c.failed} item${c.failed === 1 ? "" : "s"} failed` : null;
  await prisma.job.updateMany({ where: { id: jobId, status: "running" }, data: { status, done: c.done, failed: c.failed, error } });
}

/** Stop a running job because its model server is gone; resume puts it back in the queue. */
export async function pauseWithError(jobId: string, error: string): Promise<void> {
  await prisma.job.updateMany({ where: { id: jobId, status: { in: ACTIVE } }, data: { status: "paused", error } });
}

export async function jobsToRun(exclude: string[]): Promise<{ id: string; kind: string }[]> {
  return prisma.job.findMany({ where: { status: { in: ACTIVE }, id: { notIn: exclude } }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true } });
}

export async function progress(jobId: string): Promise<JobProgress | null> {
  const j = await prisma.job.findUnique({ where: { id: jobId }, select: { status: true, total: true, error: true } });
  if (!j) return null;
  const c = await itemCounts(jobId);
  return { jobId, status: j.status as JobStatus, total: j.total, done: c.done, failed: c.failed, running: c.running, pending: c.pending, error: j.error };
}

export function parseObject(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}
