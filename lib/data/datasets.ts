import { prisma, type Tx } from "@/lib/db";
import type { InterventionStatus, TraceStatus } from "@/lib/core/status";
import { table } from "./sql-types";

// Dataset summaries for the datasets list. Every count is a GROUP BY in the database, so
// the page costs a handful of queries whatever the number of traces.

export type DatasetSummary = {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  problems: number;
  traces: number;
  status: Record<TraceStatus, number>;
  interventions: Record<InterventionStatus, number>;
};

// Interventions carry no datasetId: join through their trace. CROSS JOIN fixes the order
// (traces by the (datasetId, id) index, then the (traceId, status) index), so no Trace row
// is read: a row lookup would walk past the attempt text. (Names checked by tsc: ./sql-types.ts.)
const tr = table("Trace", "t");
const iv = table("Intervention", "i");
const INTERVENTIONS_BY_STATUS = `
      SELECT ${tr.datasetId} AS "datasetId", ${iv.status} AS "status", COUNT(*) AS "n"
      FROM ${tr} CROSS JOIN ${iv} ON ${iv.traceId} = ${tr.id}
      GROUP BY ${tr.datasetId}, ${iv.status}`;

const emptyStatus = (): Record<TraceStatus, number> => ({ todo: 0, labelled: 0, curated: 0 });
const emptyIv = (): Record<InterventionStatus, number> => ({ proposed: 0, accepted: 0, edited: 0, rejected: 0 });

export async function listDatasetSummaries(db: Tx = prisma): Promise<DatasetSummary[]> {
  const [datasets, problems, traces, ivs] = await Promise.all([
    db.dataset.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, description: true, createdAt: true } }),
    db.problem.groupBy({ by: ["datasetId"], _count: { _all: true } }),
    db.trace.groupBy({ by: ["datasetId", "status"], _count: { _all: true } }),
    db.$queryRawUnsafe<{ datasetId: string; status: string; n: bigint | number }[]>(INTERVENTIONS_BY_STATUS),
  ]);
  const byId = new Map<string, DatasetSummary>(
    datasets.map((d) => [d.id, { ...d, problems: 0, traces: 0, status: emptyStatus(), interventions: emptyIv() }]),
  );
  for (const p of problems) {
    const d = byId.get(p.datasetId);
    if (d) d.problems = p._count._all;
  }
  for (const t of traces) {
    const d = byId.get(t.datasetId);
    if (!d) continue;
    d.traces += t._count._all;
    if (t.status in d.status) d.status[t.status as TraceStatus] += t._count._all;
  }
  for (const r of ivs) {
    const d = byId.get(r.datasetId);
    if (d && r.status in d.interventions) d.interventions[r.status as InterventionStatus] += Number(r.n);
  }
  return [...byId.values()];
}

export async function getDataset(id: string, db: Tx = prisma) {
  return db.dataset.findUnique({ where: { id }, select: { id: true, name: true, description: true, createdAt: true } });
}

export async function listDatasetNames(db: Tx = prisma): Promise<string[]> {
  const ds = await db.dataset.findMany({ orderBy: { name: "asc" }, select: { name: true } });
  return ds.map((d) => d.name);
}

export async function findDatasetIdByName(name: string, db: Tx = prisma): Promise<string | null> {
  return (await db.dataset.findUnique({ where: { name }, select: { id: true } }))?.id ?? null;
}

/** Every dataset's id and name, oldest first (the CLI's `dataset list`). */
export async function listDatasetsOldestFirst(db: Tx = prisma): Promise<{ id: string; name: string }[]> {
  return db.dataset.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } });
}
