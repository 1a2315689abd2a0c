// Child process of bench/team-speed.ts (DATABASE_URL = its seeded database; lib/db reads it once
// per process): the background text indexing of the queued rows, then the trace list's data for
// each text query of argv[3] (JSON; none: only the indexing, as bench/analysis.ts uses it), on dataset argv[2].
// Per query also the list's match read alone (id order, up to COUNT_CAP + 1: what a search costs
// beyond the page) with the candidates named by each index, in the same run: "trigrams" is the
// statement before the word index (migration 20261206110000_text_search_words).
import { prisma } from "@/lib/db";
import { COUNT_CAP, listTraces } from "@/lib/data/trace-list";
import { traceWhereSql } from "@/lib/data/trace-list-sql";
import type { CandidateMode } from "@/lib/data/text-search-sql";
import { queuedTextCount, startTextIndexing } from "@/lib/data/text-search";
import { report } from "../lib/child";

const [datasetId, json] = process.argv.slice(2);
const queries = JSON.parse(json) as string[];
const queued = await queuedTextCount();
let t = performance.now();
await startTextIndexing(); // what the server does in the background after an import
const indexMs = performance.now() - t;
await listTraces(datasetId, { q: queries[0] }); // Prisma connected, statements prepared
const MODES: CandidateMode[] = ["trigrams", "words", "both"];
const search: { q: string; ms: number; total: number; capped: boolean; matchMs: Record<CandidateMode, number> }[] = [];
for (const q of queries) {
  t = performance.now();
  const { total, countsCapped } = await listTraces(datasetId, { q });
  const ms = performance.now() - t;
  const matchMs = {} as Record<CandidateMode, number>;
  const found: string[] = [];
  for (const candidates of MODES) {
    const w = traceWhereSql(datasetId, { q }, { candidates });
    t = performance.now();
    const ids = await prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT t."id" AS id FROM "Trace" t INDEXED BY "Trace_list_idx" WHERE ${w.sql} ORDER BY t."id" LIMIT ${COUNT_CAP + 1}`,
      ...w.params,
    );
    matchMs[candidates] = performance.now() - t;
    found.push(ids.map((r) => r.id).join());
  }
  if (new Set(found).size !== 1) throw new Error(`text search ${JSON.stringify(q)}: the candidate modes disagree`);
  search.push({ q, ms, total, capped: countsCapped.todo, matchMs });
}
report({ queued, indexMs, search });
