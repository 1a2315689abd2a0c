import type { TraceFilter } from "@/lib/core/filters";
import type { TraceStatus } from "@/lib/core/status";

// SQL of the trace-list filters, written so SQLite answers them from indexes alone.
// Why: Trace rows hold the attempt text (often 5-15 KB) before generator/status/flags, so
// any filter that reads those columns from the row walks the text's overflow pages; on
// 100k traces that is seconds. Status and generator are read from their indexes
// ((datasetId, status, id), (datasetId, generator, id)), "has intervention" and "labelled"
// from the Intervention/FirstErrorLabel indexes. Only text search reads the text.

export type Sql = { sql: string; params: unknown[] };

const likeArg = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Condition on "Trace" t for one status; an index probe when another index drives the scan. */
export function statusCondition(f: TraceFilter, status: TraceStatus): Sql {
  if (f.generator === undefined) return { sql: `t."status" = ?`, params: [status] };
  return {
    // INDEXED BY: without it SQLite may probe by primary key and read the row (behind the text).
    sql: `EXISTS (SELECT 1 FROM "Trace" s INDEXED BY "Trace_datasetId_status_id_idx" WHERE s."datasetId" = t."datasetId" AND s."status" = ? AND s."id" = t."id")`,
    params: [status],
  };
}

/** WHERE clause (without the keyword) over "Trace" t for a dataset and a filter. */
export function traceWhereSql(datasetId: string, f: TraceFilter, opts: { ignoreStatus?: boolean } = {}): Sql {
  const parts: string[] = [`t."datasetId" = ?`];
  const params: unknown[] = [datasetId];
  const add = (c: Sql) => { parts.push(c.sql); params.push(...c.params); };
  if (f.generator !== undefined) add({ sql: `t."generator" = ?`, params: [f.generator] });
  if (f.status && !opts.ignoreStatus) add(statusCondition(f, f.status));
  if (f.intervention) {
    add({ sql: `${f.intervention === "yes" ? "" : "NOT "}EXISTS (SELECT 1 FROM "Intervention" i WHERE i."traceId" = t."id" AND i."status" <> 'rejected')`, params: [] });
  }
  if (f.labelled) {
    add({ sql: `${f.labelled === "yes" ? "" : "NOT "}EXISTS (SELECT 1 FROM "FirstErrorLabel" l WHERE l."traceId" = t."id" AND l."source" = 'human')`, params: [] });
  }
  if (f.q) {
    const like = likeArg(f.q);
    add({
      sql: `(t."problemId" IN (SELECT p."id" FROM "Problem" p WHERE p."datasetId" = ? AND p."statement" LIKE ? ESCAPE '\\') OR t."text" LIKE ? ESCAPE '\\')`,
      params: [datasetId, like, like],
    });
  }
  return { sql: parts.join(" AND "), params };
}

/** Ids of one page, in id order (reversed by the caller for "prev"). */
export function pageIdsSql(where: Sql, cursor: string | undefined, dir: "next" | "prev", take: number): Sql {
  const c = cursor ? ` AND t."id" ${dir === "prev" ? "<" : ">"} ?` : "";
  return {
    sql: `SELECT t."id" AS id FROM "Trace" t WHERE ${where.sql}${c} ORDER BY t."id" ${dir === "prev" ? "DESC" : "ASC"} LIMIT ${take}`,
    params: [...where.params, ...(cursor ? [cursor] : [])],
  };
}

/**
 * Counts per status under a filter (its own status ignored): one index-only count per status,
 * or, for a text search (which reads every row anyway), one grouped scan.
 */
export function statusCountsSql(datasetId: string, f: TraceFilter): Sql {
  const base = traceWhereSql(datasetId, f, { ignoreStatus: true });
  if (f.q) {
    return {
      sql: `SELECT COALESCE(SUM(t."status" = 'todo'), 0) AS "todo", COALESCE(SUM(t."status" = 'labelled'), 0) AS "labelled", COALESCE(SUM(t."status" = 'curated'), 0) AS "curated" FROM "Trace" t WHERE ${base.sql}`,
      params: base.params,
    };
  }
  const statuses: TraceStatus[] = ["todo", "labelled", "curated"];
  const cols = statuses.map((s) => {
    const c = statusCondition(f, s);
    return { sql: `(SELECT COUNT(*) FROM "Trace" t WHERE ${base.sql} AND ${c.sql}) AS "${s}"`, params: [...base.params, ...c.params] };
  });
  return { sql: `SELECT ${cols.map((c) => c.sql).join(", ")}`, params: cols.flatMap((c) => c.params) };
}
