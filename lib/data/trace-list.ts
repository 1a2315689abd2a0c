import { mathSnippet } from "@/lib/core/snippet";
import { prisma, type Tx } from "@/lib/db";
import type { TraceFilter } from "@/lib/core/filters";
import type { TraceStatus } from "@/lib/core/status";
import { countBeforeSql, pageIdsSql, statusCountsSql, TRACE_FROM, traceWhereSql, type Sql } from "@/lib/data/trace-list-sql";
import { table, type Row } from "@/lib/data/sql-types";
import { ensureAnswerChecks } from "@/lib/data/answer-check";
import { usesTrigramIndex } from "@/lib/data/text-search-sql";
import { pageRows } from "@/lib/data/trace-list-rows";

// The trace list of a dataset: filters from the URL, cursor pagination by id, counts per
// status. Ids and counts come from index-only SQL (lib/data/trace-list-sql.ts); then only
// the list columns of the page's 50 rows are read: never a trace body, and the problem
// statement is cut to a snippet before it leaves this module.

export const PAGE_SIZE = 50;
const t = table("Trace", "t");
const SNIPPET = 180;
const STATUSES: TraceStatus[] = ["todo", "labelled", "curated"];

export type TracePage = { cursor?: string; dir?: "next" | "prev" };

export type TraceRow = {
  id: string;
  position: number; // 1-based position in the filtered list
  externalId: string | null;
  snippet: string;
  generator: string;
  stepCount: number;
  humanStep: number | null;
  labelled: boolean; // a human label exists (humanStep null + labelled = "no error")
  /** Without a human label: the imported label, else the model's latest (step null = "no error"). */
  otherLabel: { source: "imported" | "model"; step: number | null } | null;
  status: string;
  interventions: Record<string, number>; // count per intervention status
};

export type TraceListResult = {
  rows: TraceRow[];
  total: number; // traces matching the filter (at least, when countsCapped)
  statusCounts: Record<TraceStatus, number>; // matching the filter except its status (each at most COUNT_CAP)
  /** A text search's counts stop at COUNT_CAP per status: a capped count reads "1,000+". */
  countsCapped: Record<TraceStatus, boolean>;
  prevCursor: string | null; // pass as ?cursor=..&dir=prev
  nextCursor: string | null; // pass as ?cursor=..
};

/**
 * Before a filter on the final answer is evaluated, every trace of the dataset gets its
 * answerCheck (imported, else graded); the other filters need nothing.
 */
export async function prepareFilter(datasetId: string, f: TraceFilter, db: Tx = prisma): Promise<void> {
  if (f.answer) await ensureAnswerChecks(datasetId, db);
}

/** Ids of the traces a filter selects, in list order (id ascending), after `after`; all when take is omitted. */
export async function filteredTraceIds(datasetId: string, f: TraceFilter, opts: { after?: string; take?: number } = {}, db: Tx = prisma): Promise<string[]> {
  await prepareFilter(datasetId, f, db);
  const q = pageIdsSql(traceWhereSql(datasetId, f), opts.after, "next", opts.take ?? -1);
  return (await db.$queryRawUnsafe<{ id: string }[]>(q.sql, ...q.params)).map((r) => r.id);
}

/** Previous and next trace ids in list order (id ascending) under the same filter: two index seeks. */
export async function neighbourIds(datasetId: string, traceId: string, f: TraceFilter, db: Tx = prisma) {
  await prepareFilter(datasetId, f, db);
  const where = traceWhereSql(datasetId, f);
  const [prev, next] = await Promise.all(
    (["prev", "next"] as const).map((dir) => db.$queryRawUnsafe<{ id: string }[]>(...spread(pageIdsSql(where, traceId, dir, 1)))),
  );
  return { prevId: prev[0]?.id ?? null, nextId: next[0]?.id ?? null };
}

/** One-line snippet of a Markdown/LaTeX statement for a table cell (never cut inside a formula). */
export const snippet = (text: string, max = SNIPPET): string => mathSnippet(text, max);

/**
 * A text search (3+ characters) reads at most this many matches (id order) to count them. Why:
 * common words match ~every trace, and an exact count LIKE-checks all of them (~0.5-2 s at
 * 100,000 traces); past the cap the list shows "1,000+" and its page query stops at 50 matches.
 */
export const COUNT_CAP = 1000;

export async function countByStatus(datasetId: string, f: TraceFilter, db: Tx = prisma): Promise<Record<TraceStatus, number>> {
  const q = statusCountsSql(datasetId, f);
  const [row] = await db.$queryRawUnsafe<Record<TraceStatus, bigint | number>[]>(q.sql, ...q.params);
  return { todo: Number(row.todo), labelled: Number(row.labelled), curated: Number(row.curated) };
}

type Matches = { ids: { id: string; status: string }[]; capped: boolean };

/**
 * A text search's matches (any status), id order, up to COUNT_CAP + 1: ONE LIKE pass over the
 * candidates per render. Not capped = the whole set, from which the page, its neighbours,
 * positions and counts are taken without another pass (a rare phrase of common words LIKE-checks
 * every candidate once, not four times).
 */
async function textMatches(datasetId: string, f: TraceFilter, db: Tx): Promise<Matches | undefined> {
  if (!f.q || !usesTrigramIndex(f.q)) return undefined;
  const w = traceWhereSql(datasetId, f, { ignoreStatus: true });
  const ids = await db.$queryRawUnsafe<Row<"Trace", "id" | "status">[]>(
    `SELECT ${t.id} AS id, ${t.status} AS status FROM ${TRACE_FROM} WHERE ${w.sql} ORDER BY ${t.id} LIMIT ${COUNT_CAP + 1}`, ...w.params);
  return ids.length > COUNT_CAP ? { ids: ids.slice(0, COUNT_CAP), capped: true } : { ids, capped: false };
}

/** Page, neighbours and position from a complete, id-ordered match list (no SQL). */
function pageOf(all: string[], page: TracePage): { ids: string[]; before: number; more: boolean } {
  if (!page.cursor) return { ids: all.slice(0, PAGE_SIZE), before: 0, more: all.length > PAGE_SIZE };
  const c = page.cursor;
  if (page.dir === "prev") {
    const end = all.filter((id) => id < c).length;
    const start = Math.max(0, end - PAGE_SIZE);
    return { ids: all.slice(start, end), before: start, more: end < all.length };
  }
  const start = all.filter((id) => id <= c).length;
  return { ids: all.slice(start, start + PAGE_SIZE), before: start, more: all.length > start + PAGE_SIZE };
}

const count = async (db: Tx, q: Sql) => Number((await db.$queryRawUnsafe<{ n: bigint | number }[]>(q.sql, ...q.params))[0].n);

export async function listTraces(datasetId: string, f: TraceFilter, page: TracePage = {}, db: Tx = prisma): Promise<TraceListResult> {
  await prepareFilter(datasetId, f, db);
  const where = traceWhereSql(datasetId, f);
  const dir = page.dir === "prev" && page.cursor ? "prev" : "next";
  const matches = await textMatches(datasetId, f, db);
  const none = { todo: false, labelled: false, curated: false };
  let idList: string[], statusCounts: Record<TraceStatus, number>, before: number, hasNext: boolean;
  let countsCapped: Record<TraceStatus, boolean> = none;
  if (matches) {
    statusCounts = { todo: 0, labelled: 0, curated: 0 };
    for (const m of matches.ids) if (m.status in statusCounts) statusCounts[m.status as TraceStatus]++;
    if (matches.capped) countsCapped = { todo: true, labelled: true, curated: true };
  } else statusCounts = await countByStatus(datasetId, f, db);
  const total = f.status ? statusCounts[f.status] : STATUSES.reduce((n, s) => n + statusCounts[s], 0);
  // counted exactly and none: no page to look for (the walk finds nothing only after every entry, ~11 ms at 100,000)
  if (total === 0 && !countsCapped.todo) return { rows: [], total, statusCounts, countsCapped, prevCursor: null, nextCursor: null };

  const mine = matches?.ids.filter((m) => !f.status || m.status === f.status).map((m) => m.id);
  // complete, or a first page with more than a page of matches read already: no second LIKE pass
  if (mine && (!matches!.capped || (!page.cursor && mine.length > PAGE_SIZE))) {
    const p = pageOf(mine, { ...page, dir });
    idList = p.ids;
    before = p.before;
    hasNext = p.more;
  } else {
    const ids = await db.$queryRawUnsafe<{ id: string }[]>(...spread(pageIdsSql(where, page.cursor, dir, PAGE_SIZE)));
    if (dir === "prev") ids.reverse();
    idList = ids.map((r) => r.id);
    if (idList.length === 0) return { rows: [], total, statusCounts, countsCapped, prevCursor: null, nextCursor: null };
    const [b, after] = await Promise.all([
      // the first page has nothing before it; otherwise one index-ordered count (a capped search: LIKE up to this page)
      page.cursor ? count(db, countBeforeSql(where, idList[0])) : 0,
      db.$queryRawUnsafe<{ id: string }[]>(...spread(pageIdsSql(where, idList[idList.length - 1], "next", 1))),
    ]);
    before = b;
    hasNext = after.length > 0;
  }
  if (idList.length === 0) return { rows: [], total, statusCounts, countsCapped, prevCursor: null, nextCursor: null };
  const first = idList[0];
  const last = idList[idList.length - 1];
  const [found, labels, ivGroups] = await pageRows(db, idList);
  const byId = new Map(found.map((t) => [t.id, t]));
  const labelled = new Set(labels.filter((l) => l.source === "human" || l.source === "final").map((l) => l.traceId));
  const other = new Map<string, TraceRow["otherLabel"]>();
  for (const source of ["model", "imported"] as const) { // imported wins over model
    for (const l of labels) if (l.source === source && other.get(l.traceId)?.source !== source) other.set(l.traceId, { source, step: l.step });
  }
  const ivs = new Map<string, Record<string, number>>();
  for (const g of ivGroups) {
    const m = ivs.get(g.traceId) ?? {};
    m[g.status] = g.n;
    ivs.set(g.traceId, m);
  }
  const rows: TraceRow[] = idList.flatMap((id, i) => {
    const t = byId.get(id);
    if (!t) return []; // deleted between the two reads
    return [{
      id, position: before + i + 1, externalId: t.externalId, snippet: snippet(t.statement), generator: t.generator,
      stepCount: t.stepCount, humanStep: t.humanStep, labelled: labelled.has(id), otherLabel: labelled.has(id) ? null : other.get(id) ?? null,
      status: t.status, interventions: ivs.get(id) ?? {},
    }];
  });
  return { rows, total, statusCounts, countsCapped, prevCursor: before > 0 ? first : null, nextCursor: hasNext ? last : null };
}

const spread = (q: Sql): [string, ...unknown[]] => [q.sql, ...q.params];

// Skip-scan of the (datasetId, generator, id) index: one seek per distinct generator, not a walk
// of every trace's entry (a GROUP BY read all 100,000 on every render of the list).
const GENERATORS = `WITH RECURSIVE g(gen) AS (
  SELECT MIN(${t.generator}) FROM ${t} WHERE ${t.datasetId} = ?
  UNION ALL SELECT (SELECT MIN(${t.generator}) FROM ${t} WHERE ${t.datasetId} = ? AND ${t.generator} > g.gen) FROM g WHERE g.gen IS NOT NULL
) SELECT gen FROM g WHERE gen IS NOT NULL`;

/** Distinct generator names of a dataset, in order, for the filter select. */
export async function listGenerators(datasetId: string, db: Tx = prisma): Promise<string[]> {
  return (await db.$queryRawUnsafe<{ gen: string }[]>(GENERATORS, datasetId, datasetId)).map((x) => x.gen);
}
