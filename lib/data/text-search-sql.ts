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

const MIN_PREFIX_CHARS = 3;
/** Which index names the trace candidates (the bench compares them; the list uses "words"). */
export type CandidateMode = "trigrams" | "words" | "both";

const ASCII_WORD = /[A-Za-z0-9]+/g;
const isAscii = (c: string | undefined) => c !== undefined && c.charCodeAt(0) < 128;

/**
 * FTS5 query on "TraceWordFts" (migration 20261206110000_text_search_words), or null: each run of
 * two or more words of `q` as a phrase, ANDed. Why: the trigram index has no positions, so for a
 * query of common words ("of we then this since") it names ~every trace and the LIKE check of
 * them all cost 0.7-1.1 s at 100,000 traces; the phrase names 324. A superset of LIKE's matches
 * holds because only ASCII is trusted: a word is a maximal run of ASCII letters/digits with an
 * ASCII non-alphanumeric before it (so the text's token starts there: unicode61 tokens are
 * letters, digits and private-use characters, everything ASCII else separates them), case folded
 * as LIKE folds ASCII; it ends the same way (a whole token) or at the end of `q` / before a
 * non-ASCII character (a prefix: `*`); words follow each other in the text's tokens when only
 * ASCII separators lie between them in `q`. A word at the start of `q` may be the tail of a longer
 * token: it is left to the trigrams. Non-ASCII letters never enter the phrase, so FTS5's own
 * Unicode tables need not agree with anything here.
 */
export function wordQuery(q: string): string | null {
  const phrases: string[] = [];
  let run: string[] = [];
  let prefix = false;
  const flush = () => {
    if (run.length >= 2) phrases.push(`"${run.join(" ")}"${prefix ? " *" : ""}`);
    run = [];
    prefix = false;
  };
  let last = -1; // end of the previous word in `run`
  for (const m of q.matchAll(ASCII_WORD)) {
    const start = m.index,
      end = start + m[0].length;
    if (!isAscii(q[start - 1])) flush(); // start of q, or after a non-ASCII character: maybe a token's tail
    else {
      if (run.length && !/^[\x00-\x7f]*$/.test(q.slice(last, start))) flush();
      run.push(m[0].toLowerCase());
      last = end;
      if (!isAscii(q[end])) {
        // the token may go on: a prefix, unless too short to be worth it (FTS5 reads every term it begins)
        if (m[0].length < MIN_PREFIX_CHARS) run.pop();
        else prefix = true;
        flush();
      }
    }
  }
  flush();
  return phrases.length ? phrases.join(" AND ") : null;
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
export function textSearchSql(datasetId: string, q: string, mode: CandidateMode = "words"): Sql {
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
  const words = mode === "trigrams" ? null : wordQuery(q);
  const indexed = !words
    ? `SELECT rowid FROM "TraceTextFts" WHERE "TraceTextFts" MATCH ?`
    : mode === "both"
      ? `SELECT rowid FROM (SELECT rowid FROM "TraceWordFts" WHERE "TraceWordFts" MATCH ? INTERSECT SELECT rowid FROM "TraceTextFts" WHERE "TraceTextFts" MATCH ?)`
      : `SELECT rowid FROM "TraceWordFts" WHERE "TraceWordFts" MATCH ?`;
  const cands = !words ? [match] : mode === "both" ? [words, match] : [words];
  const candidates = `${indexed} UNION ALL ${NOT_INDEXED("Trace")}`;
  // Two ANDed terms, not one OR: a row outside both sets is rejected from the index entry alone;
  // written as (in P) OR (in C AND LIKE), SQLite read every row (100,000 traces: 1 s vs 16 ms).
  return {
    sql: `+t.rowid IN (${problemTraces} UNION ALL ${candidates}) AND (+t.rowid IN (${problemTraces}) OR ${t.text} LIKE ? ESCAPE '\\')`,
    params: [match, datasetId, like, ...cands, match, datasetId, like, like],
  };
}
