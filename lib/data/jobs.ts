import { prisma, type Tx } from "@/lib/db";

// Small reads of the Job table for routes and actions (the runner's own reads and writes are
// the job store's).

/** The job's kind, or null when there is no such job. */
export async function jobKind(jobId: string, db: Tx = prisma): Promise<string | null> {
  return (await db.job.findUnique({ where: { id: jobId }, select: { kind: true } }))?.kind ?? null;
}

/** The job's params as stored (JSON text), or null when there is no such job. */
export async function jobParamsText(jobId: string, db: Tx = prisma): Promise<string | null> {
  return (await db.job.findUnique({ where: { id: jobId }, select: { params: true } }))?.params ?? null;
}
