import { table } from "./sql-types";
import type { Sql } from "./trace-list-sql";

// Text search of the trace filter (issue 15 §4): a trace matches when its problem statement or
// its text contains the query, as `LIKE '%q%' ESCAPE '\'` decides (ASCII-only case folding; `%`,
// `_` and `\` literal). For 3 characters or more, the trigram indexes of the migration
// 20261206020000_text_search_fts name the candidate rows (every trigram of the query present,
// case folded): a superset of LIKE's matches, so the same LIKE on just those rows gives exactly
// LIKE's result without reading the other attempts (100,000 texts: ~6 s). Rows not indexed yet
// (lib/data/text-search.ts) are candidates too. A trigram index has
// nothing to offer under 3 characters: such a query is LIKE over every row, as before.

const MIN_TRIGRAM_CHARS = 3;

// Typed from the schema (lib/data/sql-types.ts). The FTS tables, their mark and pending queues
// are not Prisma models (migration 20261206020000_text_search_fts): they stay plain names.
const t = table("Trace", "t");
const tp = table("Trace", "tp");
const pq = table("Problem", "pq");

/** Rowids not in the index yet (migration 20261206020000): above the table's mark, or edited. */
const NOT_INDEXED = (name: "Trace" | "Problem") =>
  `SELECT n.rowid FROM ${table(name, "n")} WHERE n.rowid > (SELECT "mark" FROM "TextFtsMark" WHERE "tbl" = '${name}') UNION ALL SELECT "rid" FROM "${name}FtsPending"`;

/** LIKE argument for a literal substring: `%`, `_` and `\` match themselves (used with ESCAPE '\'). */
export const likeArg = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Code points, as the trigram tokenizer counts characters (a JS string counts UTF-16 units). */
const chars = (q: string) => Array.from(q);

export const usesTrigramIndex = (q: string) => chars(q).length >= MIN_TRIGRAM_CHARS;

/**
 * FTS5 query: every distinct trigram of `q` as a quoted string (`"` doubled inside), ANDed. Each
 * string is exactly 3 characters, so the tokenizer makes it exactly one trigram, case folded as
 * the indexed text was.
 */
export function trigramQuery(q: string): string {
  const cs = chars(q);
  if (cs.length < MIN_TRIGRAM_CHARS) throw new Error(`trigramQuery: "${q}" has fewer than ${MIN_TRIGRAM_CHARS} characters`);
  const grams = new Set<string>();
  for (let i = 0; i + MIN_TRIGRAM_CHARS <= cs.length; i++) grams.add(cs.slice(i, i + MIN_TRIGRAM_CHARS).join(""));
  return [...grams].map((g) => `"${g.replaceAll('"', '""')}"`).join(" AND ");
}

/**
 * Condition over "Trace" t: the problem statement or the trace text contains `q` (LIKE semantics).
 * For 3+ characters it is a test per row, not a set to materialise: a trace of a matching problem
 * (a small set: problems are checked, not attempts), or an FTS candidate whose text passes LIKE.
 * Both sets are non-correlated subqueries, built once per statement; the unary + keeps SQLite
 * walking the caller's index in id order (page: ORDER BY id LIMIT 50), so the LIKE check runs on
 * candidates only until the page is full. Why: a query of common words names ~every trace as a
 * candidate, and checking them all cost what the LIKE scan cost (p50 545 ms at 100,000 traces).
 */
export function textSearchSql(datasetId: string, q: string): Sql {
  const like = likeArg(q);
  if (!usesTrigramIndex(q)) {
    return {
      sql: `(${t.problemId} IN (SELECT ${pq.id} FROM ${pq} WHERE ${pq.datasetId} = ? AND ${pq.statement} LIKE ? ESCAPE '\\') OR ${t.text} LIKE ? ESCAPE '\\')`,
      params: [datasetId, like, like],
    };
  }
  const match = trigramQuery(q);
  const problemTraces = `SELECT tp.rowid FROM ${tp} WHERE ${tp.problemId} IN (
        SELECT ${pq.id} FROM ${pq} WHERE pq.rowid IN (SELECT rowid FROM "ProblemTextFts" WHERE "ProblemTextFts" MATCH ? UNION ALL ${NOT_INDEXED("Problem")})
          AND +${pq.datasetId} = ? AND ${pq.statement} LIKE ? ESCAPE '\\')`;
  const candidates = `SELECT rowid FROM "TraceTextFts" WHERE "TraceTextFts" MATCH ? UNION ALL ${NOT_INDEXED("Trace")}`;
  // Two ANDed terms, not one OR: a row outside both sets is rejected from the index entry alone;
  // written as (in P) OR (in C AND LIKE), SQLite read every row (100,000 traces: 1 s vs 16 ms).
  return {
    sql: `+t.rowid IN (${problemTraces} UNION ALL ${candidates}) AND (+t.rowid IN (${problemTraces}) OR ${t.text} LIKE ? ESCAPE '\\')`,
    params: [match, datasetId, like, match, match, datasetId, like, like],
  };
}
