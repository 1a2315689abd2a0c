// Part a) of bench/team-speed.ts, the text search (issue 15 §4), on its seeded database: after the
// background indexing of the seeded rows (timed), the trace list's data for a text filter (page
// ids, counts per status, position: lib/data/trace-list.ts listTraces) over 40 queries cut from
// the seeded texts and problems (deterministic): p50, p90 and max. Baselines in the same run:
// the list's match read (id order, up to COUNT_CAP + 1) with the candidates named by the trigram
// index alone (the statement before migration 20261206110000_text_search_words), and the LIKE
// scan the filter used before the trigram index (one count over problem OR text, 3 queries: seconds each).
// BENCH_SPEED_ONLY=search runs this part alone (no analysis, no build, no server: ~2 min).
import type Database from "better-sqlite3";
import type { CandidateMode } from "@/lib/data/text-search-sql";
import { likeArg } from "@/lib/data/text-search-sql";
import { COUNT_CAP } from "@/lib/data/trace-list";
import { runChild } from "./lib/child";
import { rng } from "./lib/prng";
import type { BenchLine } from "./lib/result";
import { median, round } from "./lib/stats";

const SEARCH_MS = 100;

type Search = { q: string; ms: number; total: number; capped: boolean; matchMs: Record<CandidateMode, number> };

/** Queries a person would type: 4-24 characters cut from seeded texts and problems, some upper-cased. */
function searchQueries(db: Database.Database, datasetId: string, n: number): string[] {
  const r = rng(0x5ea4c4);
  const texts = db
    .prepare(
      `SELECT text AS s FROM Trace WHERE datasetId = ? AND rowid % 997 = 1 UNION ALL SELECT statement FROM Problem WHERE datasetId = ? AND rowid % 499 = 1`,
    )
    .all(datasetId, datasetId) as { s: string }[];
  const out: string[] = [];
  while (out.length < n) {
    const s = texts[r.int(0, texts.length - 1)].s;
    const len = r.int(4, 24),
      at = r.int(0, Math.max(0, s.length - len));
    const q = s.slice(at, at + len).trim();
    if (q.length >= 3) out.push(out.length % 4 === 3 ? q.toUpperCase() : q);
  }
  return out;
}

/** p50, p90 and max of a list of times. */
function tail(xs: number[]): { p50: number; p90: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: median(s), p90: s[Math.floor(s.length * 0.9)], max: s[s.length - 1] };
}
const fmt = (t: { p50: number; p90: number; max: number }) =>
  `p50 ${Math.round(t.p50)} ms, p90 ${Math.round(t.p90)} ms, max ${Math.round(t.max)} ms`;

export async function benchTextSearch(
  raw: Database.Database,
  db: { url: string },
  datasetId: string,
  traces: number,
  log: (s: string) => void,
): Promise<{ lines: BenchLine[]; out: unknown }> {
  const queries = searchQueries(raw, datasetId, 40);
  const { queued, indexMs, search } = await runChild<{ queued: number; indexMs: number; search: Search[] }>(
    "workers/search-worker.ts",
    [datasetId, JSON.stringify(queries)],
    { DATABASE_URL: db.url },
  );
  log(
    `team-speed: background text indexing of ${queued.toLocaleString("en")} queued rows: ${Math.round(indexMs / 1000)} s`,
  );
  const likeSql = `SELECT COUNT(*) AS n FROM "Trace" t WHERE t."datasetId" = ? AND (t."problemId" IN (SELECT pq."id" FROM "Problem" pq WHERE pq."datasetId" = ? AND pq."statement" LIKE ? ESCAPE '\\') OR t."text" LIKE ? ESCAPE '\\')`;
  const like = queries.slice(0, 3).map((q) => {
    const ms = performance.now();
    const n = (raw.prepare(likeSql).get(datasetId, datasetId, likeArg(q), likeArg(q)) as { n: number }).n;
    const i = search.findIndex((s) => s.q === q);
    // the list counts a text search up to COUNT_CAP ("1,000+")
    if (Math.min(n, COUNT_CAP) !== search[i].total || n > COUNT_CAP !== search[i].capped)
      throw new Error(`text search "${q}": ${search[i].total} traces, LIKE ${n}`);
    return performance.now() - ms;
  });
  const list = tail(search.map((s) => s.ms));
  const likeMs = median(like);
  const match = (m: CandidateMode) => tail(search.map((s) => s.matchMs[m]));
  log(
    `team-speed: text search (list data) ${fmt(list)} over ${queries.length} queries; LIKE scan ${Math.round(likeMs)} ms`,
  );
  for (const m of ["trigrams", "words", "both"] as const)
    log(`team-speed:   match read, candidates by ${m}: ${fmt(match(m))}`);
  for (const s of [...search].sort((a, b) => b.ms - a.ms).slice(0, 5))
    log(
      `  slowest: ${JSON.stringify(s.q)} ${Math.round(s.ms)} ms, ${s.total} traces (match read: trigrams ${Math.round(s.matchMs.trigrams)} ms, words ${Math.round(s.matchMs.words)} ms)`,
    );
  const old = match("trigrams"),
    now = match("words");
  const lines: BenchLine[] = [
    {
      bench: "Text search (same run)",
      metric: `background indexing after the import (${queued.toLocaleString("en")} queued rows)`,
      value: `${Math.round(indexMs / 1000)} s`,
      baseline: "",
      ratio: null,
      target: "",
      pass: null,
    },
    {
      bench: `Text search, ${traces.toLocaleString("en")} traces (${queries.length} queries cut from the data)`,
      metric: "trace list data for a text filter (page, counts per status capped at 1,000, position), p50 (p90, max)",
      value: `${Math.round(list.p50)} ms (${Math.round(list.p90)} ms, ${Math.round(list.max)} ms)`,
      baseline: `${Math.round(likeMs)} ms (the LIKE scan it replaced, same queries)`,
      ratio: round(list.p50 / likeMs, 3),
      target: `< ${SEARCH_MS} ms`,
      pass: list.p50 < SEARCH_MS,
    },
    {
      bench: `Text search tail, ${traces.toLocaleString("en")} traces (same queries, same run)`,
      metric: "the list's match read (up to 1,001 matches), word-phrase candidates: p90 (p50, max)",
      value: `${Math.round(now.p90)} ms (${Math.round(now.p50)} ms, ${Math.round(now.max)} ms)`,
      baseline: `${Math.round(old.p90)} ms (${Math.round(old.p50)} ms, ${Math.round(old.max)} ms): trigram candidates only`,
      ratio: round(now.p90 / old.p90, 3),
      target: "",
      pass: null,
    },
  ];
  return { lines, out: { search, likeMs: like, queued, indexMs } };
}
