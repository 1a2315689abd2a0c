import type { TraceFilter } from "@/lib/core/filters";
import type { TraceStatus } from "@/lib/core/status";
import { table } from "./sql-types";
import { textSearchSql } from "./text-search-sql";

// THE definition of the trace filters (issue 14 §6): the list, its counts, the export, review
// n/p and the proposal selection all build their WHERE from traceWhereSql, so a search like
// `a_1` selects the same traces everywhere (trace-filter.test.ts holds them equal).
// Every filter but text search is a column of one covering index, "Trace_list_idx" (datasetId,
// id, status, generator, answerCheck and the list* facts the triggers of migration
// 20261206060000_trace_list_facets keep from the intervention, label and comment rows). Why:
// Trace rows hold the attempt text (often 5-15 KB) before these columns, so a filter read from
// the row walks the text's overflow pages, and per-trace EXISTS probes into three other tables
// made one combination 10x slower than another (100,000 traces: ?answer=wrong 294 ms). Now a
// page walks that index in id order and stops after 50 matches, and a count is one walk of the
// dataset's range, whatever the combination. Only text search reads the text: of the rows its
// trigram index names (text-search-sql.ts), or of every row for a query under 3 characters.

export type Sql = { sql: string; params: unknown[] };

const t = table("Trace", "t");

/** `FROM` target of every statement over traceWhereSql: the covering index, never the rows (but for text). */
export const TRACE_FROM = `${t} INDEXED BY "Trace_list_idx"`;

const flag = (column: string, yes: boolean) => `${column} = ${yes ? 1 : 0}`;

/** WHERE clause (without the keyword) over "Trace" t for a dataset and a filter. */
export function traceWhereSql(datasetId: string, f: TraceFilter, opts: { ignoreStatus?: boolean } = {}): Sql {
  const parts: string[] = [`${t.datasetId} = ?`];
  const params: unknown[] = [datasetId];
  const eq = (column: string, value: string) => {
    parts.push(`${column} = ?`);
    params.push(value);
  };
  if (f.status && !opts.ignoreStatus) eq(t.status, f.status);
  if (f.generator !== undefined) eq(t.generator, f.generator);
  if (f.answer) eq(t.answerCheck, f.answer);
  if (f.intervention) parts.push(flag(t.listIntervention, f.intervention === "yes"));
  if (f.labelled) parts.push(flag(t.listHumanLabel, f.labelled === "yes"));
  if (f.imported) parts.push(flag(f.imported === "error" ? t.listImportedError : t.listImportedNoError, true));
  if (f.comments === "open") parts.push(flag(t.listOpenComment, true));
  if (f.q) {
    const s = textSearchSql(datasetId, f.q);
    parts.push(s.sql);
    params.push(...s.params);
  }
  return { sql: parts.join(" AND "), params };
}

/** Ids of one page, in id order (reversed by the caller for "prev"). */
export function pageIdsSql(where: Sql, cursor: string | undefined, dir: "next" | "prev", take: number): Sql {
  const c = cursor ? ` AND ${t.id} ${dir === "prev" ? "<" : ">"} ?` : "";
  return {
    sql: `SELECT ${t.id} AS id FROM ${TRACE_FROM} WHERE ${where.sql}${c} ORDER BY ${t.id} ${dir === "prev" ? "DESC" : "ASC"} LIMIT ${take}`,
    params: [...where.params, ...(cursor ? [cursor] : [])],
  };
}

/** How many traces of the filter come before `id` in list order (a page's position). */
export function countBeforeSql(where: Sql, id: string): Sql {
  return { sql: `SELECT COUNT(*) AS n FROM ${TRACE_FROM} WHERE ${t.id} < ? AND ${where.sql}`, params: [id, ...where.params] };
}

const STATUSES: TraceStatus[] = ["todo", "labelled", "curated"];

/**
 * Counts per status under a filter (its own status ignored): one walk of the dataset's range of
 * the covering index (a text search also reads the rows it must LIKE-check).
 * (The list counts a longer search itself, capped: lib/data/trace-list.ts.)
 */
export function statusCountsSql(datasetId: string, f: TraceFilter): Sql {
  const base = traceWhereSql(datasetId, f, { ignoreStatus: true });
  const sums = STATUSES.map((s) => `COALESCE(SUM(${t.status} = '${s}'), 0) AS "${s}"`).join(", ");
  return { sql: `SELECT ${sums} FROM ${TRACE_FROM} WHERE ${base.sql}`, params: base.params };
}
