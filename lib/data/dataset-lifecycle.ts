import { prisma } from "@/lib/db";
import { table, type TableRef } from "./sql-types";

// Renaming and deleting a dataset. A deletion is final: every problem, trace, label,
// intervention, proposal, rollout and job of the dataset goes (the schema cascades from
// Dataset), while the audit trail keeps the events of its rows plus one "dataset.delete" event
// with the name and the counts that went. Jobs still running on it are cancelled first, in the
// same transaction, so the runner stops claiming their items; results of calls already in flight
// find no row to write to and are dropped.

export type DatasetFootprint = {
  problems: number; traces: number; labels: number; interventions: number; proposals: number; rollouts: number;
  jobs: number; activeJobs: number;
};

const ACTIVE = ["queued", "running", "paused"];

// Rows without a datasetId, counted through their trace or problem (CROSS JOIN: the parent's
// (datasetId, id) index first, then the child's index; no parent row is read). Names checked by tsc (./sql-types.ts).
const tr = table("Trace", "t");
const pb = table("Problem", "p");
const throughTrace = (child: TableRef<"FirstErrorLabel"> | TableRef<"Intervention"> | TableRef<"Proposal">) =>
  `SELECT COUNT(*) AS n FROM ${tr} CROSS JOIN ${child} ON ${child.traceId} = ${tr.id} WHERE ${tr.datasetId} = ?`;
const LABELS = throughTrace(table("FirstErrorLabel", "l"));
const INTERVENTIONS = throughTrace(table("Intervention", "i"));
const PROPOSALS = throughTrace(table("Proposal", "p"));
const ro = table("Rollout", "r");
const ROLLOUTS = `SELECT COUNT(*) AS n FROM ${pb} CROSS JOIN ${ro} ON ${ro.problemId} = ${pb.id} WHERE ${pb.datasetId} = ?`;

export async function datasetFootprint(datasetId: string): Promise<DatasetFootprint> {
  const n = (rows: { n: bigint | number }[]) => Number(rows[0]?.n ?? 0);
  const [problems, traces, labels, interventions, proposals, rollouts, jobs, activeJobs] = await Promise.all([
    prisma.problem.count({ where: { datasetId } }),
    prisma.trace.count({ where: { datasetId } }),
    ...[LABELS, INTERVENTIONS, PROPOSALS, ROLLOUTS].map((sql) => prisma.$queryRawUnsafe<{ n: bigint }[]>(sql, datasetId).then(n)),
    prisma.job.count({ where: { datasetId } }),
    prisma.job.count({ where: { datasetId, status: { in: ACTIVE } } }),
  ]);
  return { problems, traces, labels, interventions, proposals, rollouts, jobs, activeJobs };
}

export type LifecycleResult = { ok: true } | { ok: false; error: string };

export const DatasetName = { max: 200 };

export async function renameDataset(datasetId: string, name: string, actor: string): Promise<LifecycleResult> {
  const clean = name.trim();
  if (!clean) return { ok: false, error: "A dataset needs a name." };
  if (clean.length > DatasetName.max) return { ok: false, error: `A dataset name has at most ${DatasetName.max} characters.` };
  return prisma.$transaction(async (tx) => {
    const d = await tx.dataset.findUnique({ where: { id: datasetId }, select: { name: true } });
    if (!d) return { ok: false, error: "That dataset no longer exists." };
    if (d.name === clean) return { ok: true };
    if (await tx.dataset.findUnique({ where: { name: clean }, select: { id: true } })) return { ok: false, error: `A dataset named “${clean}” exists already.` };
    await tx.dataset.update({ where: { id: datasetId }, data: { name: clean } });
    await tx.auditEvent.create({ data: { actor, action: "dataset.rename", entity: "Dataset", entityId: datasetId, before: JSON.stringify({ name: d.name }), after: JSON.stringify({ name: clean }) } });
    return { ok: true };
  });
}

/** Delete a dataset whose current name is `confirmName` (a stale or mistyped confirmation deletes nothing). */
export async function deleteDataset(datasetId: string, confirmName: string, actor: string): Promise<LifecycleResult & { footprint?: DatasetFootprint }> {
  const d = await prisma.dataset.findUnique({ where: { id: datasetId }, select: { name: true } });
  if (!d) return { ok: false, error: "That dataset no longer exists." };
  if (d.name !== confirmName) return { ok: false, error: `Type the dataset's name, “${d.name}”, to delete it.` };
  const footprint = await datasetFootprint(datasetId);
  return prisma.$transaction(async (tx) => {
    const jobs = await tx.job.findMany({ where: { datasetId, status: { in: ACTIVE } }, select: { id: true, status: true } });
    for (const j of jobs) {
      await tx.job.update({ where: { id: j.id }, data: { status: "cancelled", error: "dataset deleted" } });
      await tx.auditEvent.create({ data: { actor, action: "job.cancel", entity: "Job", entityId: j.id, before: JSON.stringify({ status: j.status }), after: JSON.stringify({ status: "cancelled", reason: "dataset deleted" }) } });
    }
    const gone = await tx.dataset.deleteMany({ where: { id: datasetId, name: confirmName } });
    if (gone.count !== 1) throw new Error("the dataset changed while it was being deleted");
    await tx.auditEvent.create({ data: { actor, action: "dataset.delete", entity: "Dataset", entityId: datasetId, before: JSON.stringify({ name: d.name, ...footprint }), after: null } });
    return { ok: true as const, footprint };
  }, { timeout: 120_000 });
}
