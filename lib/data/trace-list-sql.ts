import type { TraceFilter } from "@/lib/core/filters";
import type { TraceStatus } from "@/lib/core/status";
import { table } from "./sql-types";
import { textSearchSql, type CandidateMode } from "./text-search-sql";

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
const c = table("TraceListCount", "c");

/** `FROM` target of every statement over traceWhereSql: the covering index, never the rows (but for text). */
export const TRACE_FROM = `${t} INDEXED BY "Trace_list_idx"`;

const flag = (column: string, yes: boolean) => `${column} = ${yes ? 1 : 0}`;

/** The filter columns, on Trace and on TraceListCount alike (same names). */
type FilterColumns = Record<"status" | "generator" | "answerCheck" | ListColumn, string>;
type ListColumn = "listIntervention" | "listHumanLabel" | "listImportedError" | "listImportedNoError" | "listOpenComment";

/** The conditions of every filter but text search, over `c`'s columns. */
function columnConditions(c: FilterColumns, f: TraceFilter, ignoreStatus: boolean): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  const eq = (column: string, value: string) => {
    parts.push(`${column} = ?`);
    params.push(value);
  };
  if (f.status && !ignoreStatus) eq(c.status, f.status);
  if (f.generator !== undefined) eq(c.generator, f.generator);
  if (f.answer) eq(c.answerCheck, f.answer);
  if (f.intervention) parts.push(flag(c.listIntervention, f.intervention === "yes"));
  if (f.labelled) parts.push(flag(c.listHumanLabel, f.labelled === "yes"));
  if (f.imported) parts.push(flag(f.imported === "error" ? c.listImportedError : c.listImportedNoError, true));
  if (f.comments === "open") parts.push(flag(c.listOpenComment, true));
  return { sql: parts.join(" AND "), params };
}

/** WHERE clause (without the keyword) over "Trace" t for a dataset and a filter. */
export function traceWhereSql(
  datasetId: string,
  f: TraceFilter,
  opts: { ignoreStatus?: boolean; candidates?: CandidateMode } = {},
): Sql {
  const parts: string[] = [`${t.datasetId} = ?`];
  const params: unknown[] = [datasetId];
  const cols = columnConditions(t, f, !!opts.ignoreStatus);
  if (cols.sql) {
    parts.push(cols.sql);
    params.push(...cols.params);
  }
  if (f.q) {
    const s = textSearchSql(datasetId, f.q, opts.candidates);
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
 * Counts per status under a filter (its own status ignored). Without text search: a sum over the
 * dataset's rows of TraceListCount (a few hundred, kept by triggers: migration
 * 20261206060100_trace_list_counts). With it: one walk of the dataset's range of the covering
 * index, reading the rows it must LIKE-check. (The list counts a 3+ character search itself,
 * capped: lib/data/trace-list.ts.)
 */
export function statusCountsSql(datasetId: string, f: TraceFilter): Sql {
  if (!f.q) {
    const cols = columnConditions(c, f, true);
    const sums = STATUSES.map((s) => `COALESCE(SUM(CASE WHEN ${c.status} = '${s}' THEN ${c.n} END), 0) AS "${s}"`).join(", ");
    return {
      sql: `SELECT ${sums} FROM ${c} WHERE ${c.datasetId} = ?${cols.sql ? ` AND ${cols.sql}` : ""}`,
      params: [datasetId, ...cols.params],
    };
  }
  const base = traceWhereSql(datasetId, f, { ignoreStatus: true });
  const sums = STATUSES.map((s) => `COALESCE(SUM(${t.status} = '${s}'), 0) AS "${s}"`).join(", ");
  return { sql: `SELECT ${sums} FROM ${TRACE_FROM} WHERE ${base.sql}`, params: base.params };
}
