import { prisma, type Tx } from "@/lib/db";
import type { TraceFilter } from "@/lib/core/filters";
import type { QueueTask } from "@/lib/core/queues/config";
import { triageOrder, triageReason, type TriageFacts, type TriageSignal } from "@/lib/core/queues/triage";
import { filteredTraceIds } from "./trace-list";
import { nllSummary } from "./onpolicy";

// Which traces a queue holds, in which order. Evaluated when the queue is created (and on
// "refresh"): a work queue is a fixed list people work through, not a view that shifts under them.

type Opts = { task: QueueTask; filter: TraceFilter; vsModel: boolean; vsImported: boolean };

const ids = async (sql: string, ...args: unknown[]) => new Set((await prisma.$queryRawUnsafe<{ id: string }[]>(sql, ...args)).map((r) => r.id));

// A "no error" label is step NULL: compared as -1 so that "no error" vs "step 3" is a disagreement.
const STEP = `COALESCE(l."step", -1)`;

/** Traces of the dataset whose labels disagree: two people, or (when asked) a person and the model / the imported label. */
async function disagreeing(datasetId: string, o: Opts): Promise<Set<string>> {
  const others = [o.vsModel && "'model'", o.vsImported && "'imported'"].filter(Boolean).join(", ");
  const vs = others
    ? `OR EXISTS (SELECT 1 FROM "FirstErrorLabel" h JOIN "FirstErrorLabel" x ON x."traceId" = h."traceId"
         WHERE h."traceId" = t."id" AND h."source" = 'human' AND x."source" IN (${others}) AND COALESCE(h."step", -1) <> COALESCE(x."step", -1))`
    : "";
  return ids(
    `SELECT t."id" AS id FROM "Trace" t WHERE t."datasetId" = ?
       AND NOT EXISTS (SELECT 1 FROM "FirstErrorLabel" f WHERE f."traceId" = t."id" AND f."source" = 'final')
       AND ((SELECT COUNT(DISTINCT ${STEP}) FROM "FirstErrorLabel" l WHERE l."traceId" = t."id" AND l."source" = 'human') > 1 ${vs})`,
    datasetId,
  );
}

/** Traces with an intervention that still waits for a decision. */
const awaitingReview = (datasetId: string) =>
  ids(`SELECT DISTINCT i."traceId" AS id FROM "Intervention" i JOIN "Trace" t ON t."id" = i."traceId" WHERE t."datasetId" = ? AND i."status" = 'proposed'`, datasetId);

/** Each triage signal as the set of the dataset's traces that have it. */
async function triageSignals(datasetId: string): Promise<Record<TriageSignal, Set<string>>> {
  const inDs = `JOIN "Trace" t ON t."id" = x."traceId" AND t."datasetId" = ?`;
  const models = await prisma.$queryRawUnsafe<{ m: string }[]>(`SELECT DISTINCT x."nllModel" AS m FROM "Intervention" x ${inDs} WHERE x."nllModel" IS NOT NULL`, datasetId);
  const outliers = new Set<string>();
  for (const { m } of models) {
    const s = await nllSummary(datasetId, m);
    if (!s) continue;
    for (const id of await ids(`SELECT x."traceId" AS id FROM "Intervention" x ${inDs} WHERE x."nllModel" = ? AND x."nllMean" > ? AND x."status" <> 'rejected'`, datasetId, m, s.fence)) outliers.add(id);
  }
  return {
    modelSplit: await ids(`SELECT x."traceId" AS id FROM "Proposal" x ${inDs} WHERE x."parseOk" = 1 GROUP BY x."traceId" HAVING COUNT(DISTINCT COALESCE(x."location", -1)) > 1`, datasetId),
    modelVsImported: await ids(
      `SELECT DISTINCT x."traceId" AS id FROM "FirstErrorLabel" x ${inDs} JOIN "FirstErrorLabel" y ON y."traceId" = x."traceId" AND y."source" = 'imported'
       WHERE x."source" = 'model' AND COALESCE(x."step", -1) <> COALESCE(y."step", -1)`, datasetId),
    rolloutsAllFailed: await ids(`SELECT DISTINCT x."traceId" AS id FROM "Intervention" x ${inDs} WHERE x."rolloutsTotal" > 0 AND x."rolloutsCorrect" = 0 AND x."status" <> 'rejected'`, datasetId),
    onpolicyOutlier: outliers,
    answerLeak: await ids(`SELECT DISTINCT x."traceId" AS id FROM "Proposal" x ${inDs} WHERE x."parseOk" = 0 AND x."parseReason" LIKE 'answer_leak:%'`, datasetId),
  };
}

export type QueueCandidate = { traceId: string; triage: string };

/** The queue's traces in queue order (the filter's order, or triage order). */
export async function queueCandidates(datasetId: string, o: Opts & { order: "filter" | "triage" }, db: Tx = prisma): Promise<QueueCandidate[]> {
  let list = await filteredTraceIds(datasetId, o.filter, {}, db);
  if (o.task === "adjudicate") {
    const d = await disagreeing(datasetId, o);
    list = list.filter((id) => d.has(id));
  } else if (o.task === "review") {
    const r = await awaitingReview(datasetId);
    list = list.filter((id) => r.has(id));
  }
  if (o.order === "filter") return list.map((traceId) => ({ traceId, triage: "" }));
  const sig = await triageSignals(datasetId);
  const withFacts = list.map((traceId) => {
    const facts: TriageFacts = {};
    for (const k of Object.keys(sig) as TriageSignal[]) if (sig[k].has(traceId)) facts[k] = true;
    return { traceId, facts };
  });
  return triageOrder(withFacts).map((x) => ({ traceId: x.traceId, triage: triageReason(x.facts) }));
}
