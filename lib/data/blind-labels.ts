import { prisma, type Tx } from "@/lib/db";
import { blindNotice, withheldBy, type BlindFact, type BlindQueue, type Viewer } from "@/lib/core/queues/blind";
import type { TraceRow } from "./trace-list";
import type { TraceFilter } from "@/lib/core/filters";
import type { OutcomeRow } from "./job-outcomes";
import { table } from "./sql-types";

// The facts lib/core/queues/blind.ts decides on, read for a viewer and some traces of one dataset. Every reader of
// labels (review page, trace list, compare, JSON routes) asks here; the rule itself is the pure `withheldBy`.

/** For each of the traces whose labels this viewer may not see yet: the blind queues that withhold them. */
export async function withheldLabels(
  viewer: Viewer | null,
  datasetId: string,
  traceIds: readonly string[],
  db: Tx = prisma,
): Promise<Map<string, BlindQueue[]>> {
  const out = new Map<string, BlindQueue[]>();
  if (!viewer || traceIds.length === 0) return out;
  // a dataset has few queues: find its blind label queues first, then the items by primary key (queueId, traceId)
  const queues = await db.queue.findMany({
    where: { datasetId, task: "label", blind: true },
    select: { id: true, name: true, assignees: true },
  });
  if (queues.length === 0) return out;
  const queueIds = queues.map((q) => q.id);
  const ids = [...new Set(traceIds)];
  const [items, done, taken] = await Promise.all([
    db.queueItem.findMany({
      where: { queueId: { in: queueIds }, traceId: { in: ids } },
      select: { queueId: true, traceId: true, open: true },
    }),
    db.queueCompletion.findMany({
      where: { queueId: { in: queueIds }, traceId: { in: ids }, annotator: viewer.name },
      select: { queueId: true, traceId: true },
    }),
    db.queueReservation.findMany({
      where: { queueId: { in: queueIds }, annotator: viewer.name },
      select: { queueId: true },
      distinct: ["queueId"],
    }),
  ]);
  const byId = new Map(queues.map((q) => [q.id, { ...q, assignees: JSON.parse(q.assignees) as string[] }]));
  const completed = new Set(done.map((d) => `${d.queueId}\n${d.traceId}`));
  const tookIn = new Set(taken.map((t) => t.queueId));
  const facts = new Map<string, BlindFact[]>();
  for (const it of items) {
    const queue = byId.get(it.queueId);
    if (!queue) continue;
    const f: BlindFact = {
      queue,
      itemOpen: it.open,
      completedByViewer: completed.has(`${it.queueId}\n${it.traceId}`),
      viewerHasTaken: tookIn.has(it.queueId),
    };
    facts.set(it.traceId, [...(facts.get(it.traceId) ?? []), f]);
  }
  for (const [traceId, fs] of facts) {
    const w = withheldBy(viewer, fs);
    if (w.length > 0) out.set(traceId, w);
  }
  return out;
}

/** One trace (its dataset looked up): the queues withholding its labels from the viewer, empty when none. */
export async function withheldForTrace(viewer: Viewer | null, traceId: string, db: Tx = prisma): Promise<BlindQueue[]> {
  if (!viewer) return [];
  const t = await db.trace.findUnique({ where: { id: traceId }, select: { datasetId: true } });
  if (!t) return [];
  return (await withheldLabels(viewer, t.datasetId, [traceId], db)).get(traceId) ?? [];
}

/** A trace-list row as sent to a reader: `hidden` (the notice) replaces its labels when a blind queue withholds them. */
export type ListRow = TraceRow & { hidden?: string };

/**
 * The list's filters that select on what people, the model or the import said about a trace: its status (labelled and
 * curated come from people's labels and decisions), a person's label, the imported label, interventions (a model's
 * intervention starts at its first-error step) and open comments (which can name a label). A withheld row listed
 * under one of them would tell what its labels say, so it is left out there.
 */
export const LABEL_FILTERS = ["status", "labelled", "imported", "intervention", "comments"] as const satisfies readonly (keyof TraceFilter)[];

/**
 * The list page's rows for this reader: a withheld row keeps its place without its human step, "labelled", its
 * imported / model label, its status and its interventions' statuses. Under a label filter (LABEL_FILTERS) a withheld
 * row is left out. Returns how many rows were left out.
 */
export function blindRows(
  rows: readonly TraceRow[],
  withheld: Map<string, BlindQueue[]>,
  filter: TraceFilter,
): { rows: ListRow[]; leftOut: number } {
  const byLabel = LABEL_FILTERS.some((k) => filter[k] !== undefined);
  const out: ListRow[] = [];
  for (const r of rows) {
    const w = withheld.get(r.id);
    if (!w) out.push(r);
    else if (!byLabel)
      out.push({ ...r, humanStep: null, labelled: false, otherLabel: null, status: "", interventions: {}, hidden: blindNotice(w) });
  }
  return { rows: out, leftOut: rows.length - out.length };
}

/**
 * A page of job outcomes for this reader: a propose item's parsed step is the model's first-error label, so it is
 * left out (null) on the traces a blind queue withholds from the reader; everything else stays.
 */
export async function blindOutcomes<P extends { rows: OutcomeRow[] }>(viewer: Viewer | null, page: P): Promise<P> {
  const byDataset = new Map<string, string[]>();
  for (const r of page.rows)
    if (r.location !== null && r.traceId && r.traceDatasetId)
      byDataset.set(r.traceDatasetId, [...(byDataset.get(r.traceDatasetId) ?? []), r.traceId]);
  if (!viewer || byDataset.size === 0) return page;
  const hidden = new Set<string>();
  for (const [datasetId, ids] of byDataset)
    for (const id of (await withheldLabels(viewer, datasetId, ids)).keys()) hidden.add(id);
  if (hidden.size === 0) return page;
  return { ...page, rows: page.rows.map((r) => (r.traceId && hidden.has(r.traceId) ? { ...r, location: null } : r)) };
}

/**
 * The blind queues of a dataset in which this viewer still has something to label (an open item they have not
 * completed): while there is one, a bulk read of the dataset's labels (the export) would show them what the queue
 * hides. Empty when none.
 */
// One open item of the queue that this person has not completed (typed names: ./sql-types.ts).
const QI = table("QueueItem", "qi");
const QC = table("QueueCompletion", "c");
const OPEN_LEFT_SQL = `SELECT 1 AS n FROM ${QI} WHERE ${QI.queueId} = ? AND ${QI.open} = 1 AND NOT EXISTS (
  SELECT 1 FROM ${QC} WHERE ${QC.queueId} = ${QI.queueId} AND ${QC.traceId} = ${QI.traceId} AND ${QC.annotator} = ?) LIMIT 1`;

export async function blindAnywhere(viewer: Viewer | null, datasetId: string, db: Tx = prisma): Promise<BlindQueue[]> {
  if (!viewer) return [];
  const queues = await db.queue.findMany({
    where: { datasetId, task: "label", blind: true },
    select: { id: true, name: true, assignees: true },
  });
  const out: BlindQueue[] = [];
  for (const q of queues) {
    const taken = await db.queueReservation.findFirst({
      where: { queueId: q.id, annotator: viewer.name },
      select: { id: true },
    });
    const queue = { ...q, assignees: JSON.parse(q.assignees) as string[] };
    // the same rule as for one trace: is the viewer a labeller of this queue (an open item they have not done)?
    const fact = { queue, itemOpen: true, completedByViewer: false, viewerHasTaken: taken !== null };
    if (withheldBy(viewer, [fact]).length === 0) continue;
    const left = await db.$queryRawUnsafe<{ n: number }[]>(OPEN_LEFT_SQL, q.id, viewer.name);
    if (left.length > 0) out.push({ id: q.id, name: q.name });
  }
  return out;
}
