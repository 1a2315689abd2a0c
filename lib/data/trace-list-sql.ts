import type { TraceFilter } from "@/lib/core/filters";
import type { TraceStatus } from "@/lib/core/status";
import { textSearchSql, usesTrigramIndex } from "./text-search-sql";

// THE definition of the trace filters (issue 14 §6): the list, its counts, the export, review
// n/p and the proposal selection all build their WHERE from traceWhereSql, so a search like
// `a_1` selects the same traces everywhere (trace-filter.test.ts holds them equal).
// Written so SQLite answers it from indexes alone. Why: Trace rows hold the attempt text (often
// 5-15 KB) before generator/status/flags, so any filter that reads those columns from the row
// walks the text's overflow pages; on 100k traces that is seconds. Status, generator and answer
// are read from their (datasetId, column, id) indexes, "has intervention" and the labels from
// the Intervention/FirstErrorLabel indexes. Only text search reads the text: of the rows its
// trigram index names (text-search-sql.ts), or of every row for a query under 3 characters.

export type Sql = { sql: string; params: unknown[] };

// Filters answered by a (datasetId, column, id) index. One of them drives the scan; the others
// are probed in their own index by id (a row lookup would read the text's overflow pages).
const INDEXED = [
  { key: "generator", column: "generator", index: "Trace_datasetId_generator_id_idx" },
  { key: "status", column: "status", index: "Trace_datasetId_status_id_idx" },
  { key: "answer", column: "answerCheck", index: "Trace_datasetId_answerCheck_id_idx" },
] as const;
type IndexedKey = (typeof INDEXED)[number]["key"];

/** The indexed filter that drives the scan: the first one set (generator, status, answer). */
function driverOf(f: TraceFilter, ignore: ReadonlySet<IndexedKey>): IndexedKey | undefined {
  return INDEXED.find((x) => !ignore.has(x.key) && f[x.key] !== undefined)?.key;
}

function indexedCondition(key: IndexedKey, value: string, driver: IndexedKey | undefined): Sql {
  const c = INDEXED.find((x) => x.key === key)!;
  if (driver === key) return { sql: `t."${c.column}" = ?`, params: [value] };
  return {
    // INDEXED BY: without it SQLite may probe by primary key and read the row (behind the text).
    sql: `EXISTS (SELECT 1 FROM "Trace" s INDEXED BY "${c.index}" WHERE s."datasetId" = t."datasetId" AND s."${c.column}" = ? AND s."id" = t."id")`,
    params: [value],
  };
}

/** WHERE clause (without the keyword) over "Trace" t for a dataset and a filter. */
export function traceWhereSql(datasetId: string, f: TraceFilter, opts: { ignoreStatus?: boolean } = {}): Sql {
  const parts: string[] = [`t."datasetId" = ?`];
  const params: unknown[] = [datasetId];
  const add = (c: Sql) => { parts.push(c.sql); params.push(...c.params); };
  const ignore = new Set<IndexedKey>(opts.ignoreStatus ? ["status"] : []);
  const driver = driverOf(f, ignore);
  for (const { key } of INDEXED) {
    const v = f[key];
    if (v !== undefined && !ignore.has(key)) add(indexedCondition(key, v, driver));
  }
  if (f.intervention) {
    add({ sql: `${f.intervention === "yes" ? "" : "NOT "}EXISTS (SELECT 1 FROM "Intervention" i WHERE i."traceId" = t."id" AND i."status" <> 'rejected')`, params: [] });
  }
  if (f.labelled) {
    add({ sql: `${f.labelled === "yes" ? "" : "NOT "}EXISTS (SELECT 1 FROM "FirstErrorLabel" l WHERE l."traceId" = t."id" AND l."source" = 'human')`, params: [] });
  }
  if (f.imported) {
    add({ sql: `EXISTS (SELECT 1 FROM "FirstErrorLabel" il WHERE il."traceId" = t."id" AND il."source" = 'imported' AND il."step" IS ${f.imported === "error" ? "NOT " : ""}NULL)`, params: [] });
  }
  if (f.comments === "open") {
    // Driven by Comment_datasetId_status_traceId_idx: the dataset's open comments, read from the
    // index alone, make a set of trace ids that the scan probes (a per-trace EXISTS would probe
    // the Comment index once for every trace in the dataset).
    add({ sql: `t."id" IN (SELECT c."traceId" FROM "Comment" c WHERE c."datasetId" = ? AND c."status" = 'open')`, params: [datasetId] });
  }
  if (f.q) add(textSearchSql(datasetId, f.q));
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
 * or, for a text search under 3 characters (LIKE reads every row anyway), one grouped scan.
 * (The list counts a longer search itself, capped: lib/data/trace-list.ts.)
 */
export function statusCountsSql(datasetId: string, f: TraceFilter): Sql {
  const base = traceWhereSql(datasetId, f, { ignoreStatus: true });
  if (f.q && !usesTrigramIndex(f.q)) {
    return {
      sql: `SELECT COALESCE(SUM(t."status" = 'todo'), 0) AS "todo", COALESCE(SUM(t."status" = 'labelled'), 0) AS "labelled", COALESCE(SUM(t."status" = 'curated'), 0) AS "curated" FROM "Trace" t WHERE ${base.sql}`,
      params: base.params,
    };
  }
  const statuses: TraceStatus[] = ["todo", "labelled", "curated"];
  // the base's driver stays the driver; status is probed unless nothing else is indexed
  const driver = driverOf(f, new Set(["status"])) ?? "status";
  const cols = statuses.map((s) => {
    const c = indexedCondition("status", s, driver);
    return { sql: `(SELECT COUNT(*) FROM "Trace" t WHERE ${base.sql} AND ${c.sql}) AS "${s}"`, params: [...base.params, ...c.params] };
  });
  return { sql: `SELECT ${cols.map((c) => c.sql).join(", ")}`, params: cols.flatMap((c) => c.params) };
}
