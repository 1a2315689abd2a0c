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

/** Rowids not in the index yet (migration 20261206020000): above the table's mark, or edited. */
const NOT_INDEXED = (table: "Trace" | "Problem") =>
  `SELECT n.rowid FROM "${table}" n WHERE n.rowid > (SELECT "mark" FROM "TextFtsMark" WHERE "tbl" = '${table}') UNION ALL SELECT "rid" FROM "${table}FtsPending"`;

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
 * `rowids`: the JSON array of textMatchRowidsSql's result, when the caller read it already.
 */
export function textSearchSql(datasetId: string, q: string, rowids?: string): Sql {
  const like = likeArg(q);
  if (!usesTrigramIndex(q)) {
    return {
      sql: `(t."problemId" IN (SELECT pq."id" FROM "Problem" pq WHERE pq."datasetId" = ? AND pq."statement" LIKE ? ESCAPE '\\') OR t."text" LIKE ? ESCAPE '\\')`,
      params: [datasetId, like, like],
    };
  }
  if (rowids !== undefined) return { sql: `t.rowid IN (SELECT value FROM json_each(?))`, params: [rowids] };
  const set = textMatchRowidsSql(datasetId, q);
  return { sql: `t.rowid IN (${set.sql})`, params: set.params };
}

/**
 * Rowids (column `r`) of the traces whose problem statement or text contains `q` (3+ characters).
 * A caller that runs several statements under one filter (the list: page, counts, position) reads
 * this set once and hands it to each as JSON (`rowids` above): the LIKE check of the candidates
 * is the expensive part, and it then runs once instead of six times.
 */
export function textMatchRowidsSql(datasetId: string, q: string): Sql {
  const match = trigramQuery(q);
  // The traces of a matching problem come from the Trace(problemId, contentHash) index, the
  // matching traces by rowid. The unary + keeps SQLite from walking the dataset's index instead
  // of looking up the candidate rowids (page ids of a 2,301-trace search: 191 -> 38 ms).
  return {
    sql: `SELECT tp.rowid AS r FROM "Trace" tp WHERE tp."problemId" IN (
        SELECT pq."id" FROM "Problem" pq WHERE pq.rowid IN (SELECT rowid FROM "ProblemTextFts" WHERE "ProblemTextFts" MATCH ? UNION ALL ${NOT_INDEXED("Problem")})
          AND +pq."datasetId" = ? AND pq."statement" LIKE ? ESCAPE '\\')
      UNION ALL
      SELECT tq.rowid FROM "Trace" tq WHERE tq.rowid IN (SELECT rowid FROM "TraceTextFts" WHERE "TraceTextFts" MATCH ? UNION ALL ${NOT_INDEXED("Trace")})
        AND +tq."datasetId" = ? AND tq."text" LIKE ? ESCAPE '\\'`,
    params: [match, datasetId, likeArg(q), match, datasetId, likeArg(q)],
  };
}
