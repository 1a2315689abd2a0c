import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import { neighbourIds } from "./trace-list";
import { deriveTraceStatus } from "@/lib/core/status";

// Trace reads for the review screen, and the denormalised status kept in step with the
// labels and interventions. Navigation follows the list's filters with an id cursor, so
// "next trace" is one indexed lookup (datasetId[, status|generator], id), never a count.

export async function getTraceForReview(traceId: string, db: Tx = prisma) {
  return db.trace.findUnique({
    where: { id: traceId },
    select: {
      id: true, datasetId: true, externalId: true, text: true, generator: true, origin: true, correct: true,
      stepCount: true, status: true, hasIntervention: true, humanStep: true, version: true, updatedAt: true,
      dataset: { select: { id: true, name: true } },
      problem: { select: { id: true, statement: true, referenceSolution: true, answer: true, source: true, externalId: true } },
      labels: { orderBy: [{ source: "asc" }, { updatedAt: "desc" }] },
      interventions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
}

/** Previous and next trace ids in list order under the list's own filter (lib/data/trace-list-sql.ts). */
export const getNeighbourIds = neighbourIds;

/**
 * Recompute Trace.status / hasIntervention / humanStep from its labels and interventions and
 * bump Trace.version. Call inside the transaction of every label or intervention change.
 * The final (adjudicated) label is the trace's label; without one, the most recently updated human label.
 */
export async function recomputeTrace(tx: Tx, traceId: string) {
  const [human, ivs] = await Promise.all([
    // the final (adjudicated) label is the trace's human label once it exists ("final" sorts before "human")
    tx.firstErrorLabel.findFirst({ where: { traceId, source: { in: ["final", "human"] } }, orderBy: [{ source: "asc" }, { updatedAt: "desc" }, { id: "desc" }], select: { step: true } }),
    tx.intervention.findMany({ where: { traceId }, select: { status: true } }),
  ]);
  const d = deriveTraceStatus({ humanLabel: human, interventionStatuses: ivs.map((i) => i.status) });
  return tx.trace.update({
    where: { id: traceId },
    data: { status: d.status, hasIntervention: d.hasIntervention, humanStep: human?.step ?? null, version: { increment: 1 } },
    select: { id: true, status: true, hasIntervention: true, humanStep: true, version: true },
  });
}

/** How many attempts sampled from `model` were kept as traces in the dataset (the incorrect ones). */
export async function countSampledTraces(datasetId: string, model: string, db: Tx = prisma): Promise<number> {
  return db.trace.count({ where: { datasetId, origin: "sampled", generator: model } });
}
