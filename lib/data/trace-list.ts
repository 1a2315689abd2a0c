import { mathSnippet } from "@/lib/core/snippet";
import { prisma, type Tx } from "@/lib/db";
import type { TraceFilter } from "@/lib/core/filters";
import type { TraceStatus } from "@/lib/core/status";
import { pageIdsSql, statusCountsSql, traceWhereSql, type Sql } from "@/lib/data/trace-list-sql";
import { ensureAnswerChecks } from "@/lib/data/answer-check";
import { textMatchRowidsSql, usesTrigramIndex } from "@/lib/data/text-search-sql";

// The trace list of a dataset: filters from the URL, cursor pagination by id, counts per
// status. Ids and counts come from index-only SQL (lib/data/trace-list-sql.ts); then only
// the list columns of the page's 50 rows are read: never a trace body, and the problem
// statement is cut to a snippet before it leaves this module.

export const PAGE_SIZE = 50;
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
  total: number; // traces matching the filter
  statusCounts: Record<TraceStatus, number>; // matching the filter except its status
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

/** The text filter's matching rowids as JSON, read once for several statements (text-search-sql.ts). */
async function textRowids(datasetId: string, f: TraceFilter, db: Tx): Promise<string | undefined> {
  if (!f.q || !usesTrigramIndex(f.q)) return undefined;
  const s = textMatchRowidsSql(datasetId, f.q);
  return JSON.stringify((await db.$queryRawUnsafe<{ r: bigint | number }[]>(s.sql, ...s.params)).map((x) => Number(x.r)));
}

export async function countByStatus(datasetId: string, f: TraceFilter, db: Tx = prisma, rowids?: string): Promise<Record<TraceStatus, number>> {
  const q = statusCountsSql(datasetId, f, rowids ?? (await textRowids(datasetId, f, db)));
  const [row] = await db.$queryRawUnsafe<Record<TraceStatus, bigint | number>[]>(q.sql, ...q.params);
  return { todo: Number(row.todo), labelled: Number(row.labelled), curated: Number(row.curated) };
}

const count = async (db: Tx, q: Sql) => Number((await db.$queryRawUnsafe<{ n: bigint | number }[]>(q.sql, ...q.params))[0].n);

export async function listTraces(datasetId: string, f: TraceFilter, page: TracePage = {}, db: Tx = prisma): Promise<TraceListResult> {
  await prepareFilter(datasetId, f, db);
  const rowids = await textRowids(datasetId, f, db);
  const where = traceWhereSql(datasetId, f, { textRowids: rowids });
  const dir = page.dir === "prev" && page.cursor ? "prev" : "next";
  const ids = await db.$queryRawUnsafe<{ id: string }[]>(...spread(pageIdsSql(where, page.cursor, dir, PAGE_SIZE)));
  if (dir === "prev") ids.reverse();

  const statusCounts = await countByStatus(datasetId, f, db, rowids);
  const total = f.status ? statusCounts[f.status] : STATUSES.reduce((n, s) => n + statusCounts[s], 0);
  if (ids.length === 0) return { rows: [], total, statusCounts, prevCursor: null, nextCursor: null };

  const first = ids[0].id;
  const last = ids[ids.length - 1].id;
  const idList = ids.map((r) => r.id);
  const [before, after, found, labels, ivGroups] = await Promise.all([
    count(db, { sql: `SELECT COUNT(*) AS n FROM "Trace" t WHERE ${where.sql} AND t."id" < ?`, params: [...where.params, first] }),
    db.$queryRawUnsafe<{ id: string }[]>(...spread(pageIdsSql(where, last, "next", 1))),
    db.trace.findMany({
      where: { id: { in: idList } },
      select: { id: true, externalId: true, generator: true, stepCount: true, humanStep: true, status: true, problem: { select: { statement: true } } },
    }),
    db.firstErrorLabel.findMany({ where: { traceId: { in: idList } }, select: { traceId: true, source: true, step: true }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }] }),
    db.intervention.groupBy({ by: ["traceId", "status"], where: { traceId: { in: idList } }, _count: { _all: true } }),
  ]);
  const byId = new Map(found.map((t) => [t.id, t]));
  const labelled = new Set(labels.filter((l) => l.source === "human" || l.source === "final").map((l) => l.traceId));
  const other = new Map<string, TraceRow["otherLabel"]>();
  for (const source of ["model", "imported"] as const) { // imported wins over model
    for (const l of labels) if (l.source === source && other.get(l.traceId)?.source !== source) other.set(l.traceId, { source, step: l.step });
  }
  const ivs = new Map<string, Record<string, number>>();
  for (const g of ivGroups) {
    const m = ivs.get(g.traceId) ?? {};
    m[g.status] = g._count._all;
    ivs.set(g.traceId, m);
  }
  const rows: TraceRow[] = idList.flatMap((id, i) => {
    const t = byId.get(id);
    if (!t) return []; // deleted between the two reads
    return [{
      id, position: before + i + 1, externalId: t.externalId, snippet: snippet(t.problem.statement), generator: t.generator,
      stepCount: t.stepCount, humanStep: t.humanStep, labelled: labelled.has(id), otherLabel: labelled.has(id) ? null : other.get(id) ?? null,
      status: t.status, interventions: ivs.get(id) ?? {},
    }];
  });
  return { rows, total, statusCounts, prevCursor: before > 0 ? first : null, nextCursor: after.length > 0 ? last : null };
}

const spread = (q: Sql): [string, ...unknown[]] => [q.sql, ...q.params];

/** Distinct generator names of a dataset, for the filter select. */
export async function listGenerators(datasetId: string, db: Tx = prisma): Promise<string[]> {
  const g = await db.trace.groupBy({ by: ["generator"], where: { datasetId }, orderBy: { generator: "asc" } });
  return g.map((x) => x.generator);
}
