// Child process of bench/team-speed.ts (DATABASE_URL = its seeded database; lib/db reads it once
// per process): the background text indexing of the queued rows, then the trace list's data for
// each text query of argv[3] (JSON; none: only the indexing, as bench/analysis.ts uses it), on dataset argv[2].
import { listTraces } from "@/lib/data/trace-list";
import { queuedTextCount, startTextIndexing } from "@/lib/data/text-search";
import { report } from "../lib/child";

const [datasetId, json] = process.argv.slice(2);
const queries = JSON.parse(json) as string[];
const queued = await queuedTextCount();
let t = performance.now();
await startTextIndexing(); // what the server does in the background after an import
const indexMs = performance.now() - t;
await listTraces(datasetId, { q: queries[0] }); // Prisma connected, statements prepared
const search: { q: string; ms: number; total: number; capped: boolean }[] = [];
for (const q of queries) {
  t = performance.now();
  const { total, countsCapped } = await listTraces(datasetId, { q });
  search.push({ q, ms: performance.now() - t, total, capped: countsCapped.todo });
}
report({ queued, indexMs, search });
