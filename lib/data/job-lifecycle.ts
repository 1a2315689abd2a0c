import { prisma } from "@/lib/db";
import { getHandler } from "@/lib/jobs/registry";
import type { JobStatus } from "@/lib/jobs/types";

// Creating a job and moving it between states. Every change a person makes writes an
// AuditEvent in the same transaction; the runner notices state changes on its next control read.

export type NewJob = { kind: string; params: Record<string, unknown>; datasetId: string | null; createdBy: string };
export type Transition = { ok: true } | { ok: false; error: string };

export async function createJob(input: NewJob): Promise<{ jobId: string; total: number }> {
  const handler = await getHandler(input.kind);
  if (!handler) throw new Error(`no handler for job kind "${input.kind}"`);
  // The runner's own knobs survive a stage's prepare() even if its schema does not know them.
  const knobs = Object.fromEntries(Object.entries(input.params).filter(([k]) => k === "concurrency" || k === "maxAttempts"));
  const params = handler.prepare ? { ...(await handler.prepare(input.params, input.datasetId)), ...knobs } : input.params;
  const planned = await handler.plan(params, input.datasetId);
  const seen = new Set<string>();
  const items = planned.filter((p) => !seen.has(p.key) && seen.add(p.key));
  const job = await prisma.$transaction(async (tx) => {
    const j = await tx.job.create({
      data: {
        kind: input.kind, datasetId: input.datasetId, params: JSON.stringify(params), createdBy: input.createdBy,
        total: items.length, status: items.length === 0 ? "done" : "queued",
      },
    });
    const CHUNK = 500;
    for (let i = 0; i < items.length; i += CHUNK) {
      await tx.jobItem.createMany({ data: items.slice(i, i + CHUNK).map((p) => ({ jobId: j.id, key: p.key, payload: JSON.stringify(p.payload) })) });
    }
    await tx.auditEvent.create({
      data: { actor: input.createdBy, action: "job.start", entity: "Job", entityId: j.id, after: JSON.stringify({ kind: input.kind, total: items.length, params }) },
    });
    return j;
  });
  return { jobId: job.id, total: items.length };
}

const FROM: Record<"cancel" | "pause" | "resume", JobStatus[]> = {
  cancel: ["queued", "running", "paused"],
  pause: ["queued", "running"],
  resume: ["paused", "cancelled", "failed", "done"],
};
const TO = { cancel: "cancelled", pause: "paused", resume: "queued" } as const;

/** cancel / pause / resume. Resume continues unfinished items; with retryFailed, failed items run again too. */
export async function transitionJob(jobId: string, op: keyof typeof FROM, actor: string, opts: { retryFailed?: boolean } = {}): Promise<Transition> {
  return prisma.$transaction(async (tx) => {
    const job = await tx.job.findUnique({ where: { id: jobId }, select: { status: true, done: true, failed: true, total: true } });
    if (!job) return { ok: false, error: "This job no longer exists." };
    if (!FROM[op].includes(job.status as JobStatus)) return { ok: false, error: `Cannot ${op} a job that is ${job.status}.` };
    let failed = job.failed;
    if (op === "resume") {
      if (opts.retryFailed) {
        const r = await tx.jobItem.updateMany({ where: { jobId, status: "failed" }, data: { status: "pending", attempts: 0, error: null } });
        failed -= r.count;
      }
      const open = await tx.jobItem.count({ where: { jobId, status: { in: ["pending", "running"] } } });
      if (open === 0) return { ok: false, error: "Nothing left to run: every item is finished." };
    }
    const changed = await tx.job.updateMany({
      where: { id: jobId, status: job.status },
      data: { status: TO[op], failed: Math.max(0, failed), ...(op === "resume" ? { error: null } : {}) },
    });
    if (changed.count !== 1) return { ok: false, error: "The job changed meanwhile; reload and try again." };
    await tx.auditEvent.create({
      data: { actor, action: `job.${op}`, entity: "Job", entityId: jobId, before: JSON.stringify({ status: job.status }), after: JSON.stringify({ status: TO[op], retryFailed: !!opts.retryFailed }) },
    });
    return { ok: true };
  });
}
