import { prisma, type Tx } from "@/lib/db";
import type { TraceFilter } from "@/lib/core/filters";
import type { QueueTask } from "@/lib/core/queues/config";
import { triageOrder, triageReason, type TriageFacts, type TriageSignal } from "@/lib/core/queues/triage";
import { filteredTraceIds } from "./trace-list";
import { nllSummary } from "./onpolicy";
import { table } from "./sql-types";

// Which traces a queue holds, in which order. Evaluated when the queue is created (and on
// "refresh"): a work queue is a fixed list people work through, not a view that shifts under them.

type Opts = { task: QueueTask; filter: TraceFilter; vsModel: boolean; vsImported: boolean };

const ids = async (sql: string, ...args: unknown[]) => new Set((await prisma.$queryRawUnsafe<{ id: string }[]>(sql, ...args)).map((r) => r.id));

// (names checked against the schema by tsc: ./sql-types.ts)
const T = table("Trace", "t");
const label = (alias: string) => table("FirstErrorLabel", alias);
const [F, H, L] = [label("f"), label("h"), label("l")];

// A "no error" label is step NULL: compared as -1 so that "no error" vs "step 3" is a disagreement.
const STEP = `COALESCE(${L.step}, -1)`;

/** Traces of the dataset whose labels disagree: two people, or (when asked) a person and the model / the imported label. */
async function disagreeing(datasetId: string, o: Opts): Promise<Set<string>> {
  const others = [o.vsModel && "'model'", o.vsImported && "'imported'"].filter(Boolean).join(", ");
  const X = label("x");
  const vs = others
    ? `OR EXISTS (SELECT 1 FROM ${H} JOIN ${X} ON ${X.traceId} = ${H.traceId}
         WHERE ${H.traceId} = ${T.id} AND ${H.source} = 'human' AND ${X.source} IN (${others}) AND COALESCE(${H.step}, -1) <> COALESCE(${X.step}, -1))`
    : "";
  return ids(
    `SELECT ${T.id} AS id FROM ${T} WHERE ${T.datasetId} = ?
       AND NOT EXISTS (SELECT 1 FROM ${F} WHERE ${F.traceId} = ${T.id} AND ${F.source} = 'final')
       AND ((SELECT COUNT(DISTINCT ${STEP}) FROM ${L} WHERE ${L.traceId} = ${T.id} AND ${L.source} = 'human') > 1 ${vs})`,
    datasetId,
  );
}

const IV = table("Intervention", "i");
const AWAITING_REVIEW_SQL = `SELECT DISTINCT ${IV.traceId} AS id FROM ${IV} JOIN ${T} ON ${T.id} = ${IV.traceId} WHERE ${T.datasetId} = ? AND ${IV.status} = 'proposed'`;

/** Traces with an intervention that still waits for a decision. */
const awaitingReview = (datasetId: string) => ids(AWAITING_REVIEW_SQL, datasetId);

// The triage statements: each reads one table as `x`, joined to the dataset's traces.
const XI = table("Intervention", "x");
const XP = table("Proposal", "x");
const XL = label("x");
const Y = label("y");
const inDs = (x: { traceId: string }) => `JOIN ${T} ON ${T.id} = ${x.traceId} AND ${T.datasetId} = ?`;
const NLL_MODELS_SQL = `SELECT DISTINCT ${XI.nllModel} AS m FROM ${XI} ${inDs(XI)} WHERE ${XI.nllModel} IS NOT NULL`;
const NLL_OUTLIERS_SQL = `SELECT ${XI.traceId} AS id FROM ${XI} ${inDs(XI)} WHERE ${XI.nllModel} = ? AND ${XI.nllMean} > ? AND ${XI.status} <> 'rejected'`;
const MODEL_SPLIT_SQL = `SELECT ${XP.traceId} AS id FROM ${XP} ${inDs(XP)} WHERE ${XP.parseOk} = 1 GROUP BY ${XP.traceId} HAVING COUNT(DISTINCT COALESCE(${XP.location}, -1)) > 1`;
const MODEL_VS_IMPORTED_SQL = `SELECT DISTINCT ${XL.traceId} AS id FROM ${XL} ${inDs(XL)} JOIN ${Y} ON ${Y.traceId} = ${XL.traceId} AND ${Y.source} = 'imported'
       WHERE ${XL.source} = 'model' AND COALESCE(${XL.step}, -1) <> COALESCE(${Y.step}, -1)`;
const ROLLOUTS_ALL_FAILED_SQL = `SELECT DISTINCT ${XI.traceId} AS id FROM ${XI} ${inDs(XI)} WHERE ${XI.rolloutsTotal} > 0 AND ${XI.rolloutsCorrect} = 0 AND ${XI.status} <> 'rejected'`;
const ANSWER_LEAK_SQL = `SELECT DISTINCT ${XP.traceId} AS id FROM ${XP} ${inDs(XP)} WHERE ${XP.parseOk} = 0 AND ${XP.parseReason} LIKE 'answer_leak:%'`;

/** Each triage signal as the set of the dataset's traces that have it. */
async function triageSignals(datasetId: string): Promise<Record<TriageSignal, Set<string>>> {
  const models = await prisma.$queryRawUnsafe<{ m: string }[]>(NLL_MODELS_SQL, datasetId);
  const outliers = new Set<string>();
  for (const { m } of models) {
    const s = await nllSummary(datasetId, m);
    if (!s) continue;
    for (const id of await ids(NLL_OUTLIERS_SQL, datasetId, m, s.fence)) outliers.add(id);
  }
  return {
    modelSplit: await ids(MODEL_SPLIT_SQL, datasetId),
    modelVsImported: await ids(MODEL_VS_IMPORTED_SQL, datasetId),
    rolloutsAllFailed: await ids(ROLLOUTS_ALL_FAILED_SQL, datasetId),
    onpolicyOutlier: outliers,
    answerLeak: await ids(ANSWER_LEAK_SQL, datasetId),
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
