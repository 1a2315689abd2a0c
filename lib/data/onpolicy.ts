import { prisma } from "@/lib/db";
import { table } from "./sql-types";
import { binEdges, interpolate, quantilePosition, summarize, type Summary } from "@/lib/core/onpolicy/outliers";

// On-policyness of a dataset, computed in the database: the scored, non-rejected interventions
// of one scoring model. Quartiles are two-row ORDER BY/OFFSET reads (lib/core/onpolicy/outliers),
// the histogram one GROUP BY over equal-width bins: no query returns every row.

export type OnpolicyBin = { lo: number; hi: number; count: number };
export type OnpolicyOutlier = { id: string; traceId: string; location: number; status: string; nllMean: number; nllTokens: number | null; preview: string };
export type OnpolicyStats = {
  model: string | null;
  /** every model with scores in this dataset (the shown one first) */
  models: string[];
  live: number; // non-rejected interventions in the dataset
  scored: number; // of them, scored by `model`
  summary: Summary | null;
  bins: OnpolicyBin[];
  outliers: number;
  top: OnpolicyOutlier[];
};

const num = (v: unknown) => Number(v);
// Driven by the covering index (nllModel, nllMean, status, traceId): the scored rows of one model
// come in nllMean order, each checked against its trace's dataset through the covering
// (datasetId, id) index. CROSS JOIN keeps SQLite from starting at the dataset's traces, which
// would read every intervention row of the dataset.
// (names checked against the schema by tsc: ./sql-types.ts)
const iv = table("Intervention", "i");
const tr = table("Trace", "t");
const BASE = `FROM ${iv} CROSS JOIN ${tr} ON ${tr.id} = ${iv.traceId}
  WHERE ${iv.nllModel} = ? AND ${iv.nllMean} IS NOT NULL AND ${tr.datasetId} = ? AND ${iv.status} <> 'rejected'`;
const I = table("Intervention");
const SCORING_MODELS = `SELECT DISTINCT ${I.nllModel} AS model FROM ${I} WHERE ${I.nllModel} IS NOT NULL ORDER BY 1`;
const LIVE = `SELECT COUNT(*) AS live FROM ${iv} JOIN ${tr} ON ${tr.id} = ${iv.traceId} WHERE ${tr.datasetId} = ? AND ${iv.status} <> 'rejected'`;
const ORDER_STAT = `SELECT ${iv.nllMean} AS v ${BASE} ORDER BY ${iv.nllMean} LIMIT 2 OFFSET ?`;
const AGGREGATE = `SELECT COUNT(*) AS n, MIN(${iv.nllMean}) AS min, MAX(${iv.nllMean}) AS max ${BASE}`;
const HISTOGRAM = `SELECT MIN(?, MAX(0, CAST((${iv.nllMean} - ?) / ? AS INTEGER))) AS b, COUNT(*) AS c ${BASE} GROUP BY b`;
const OUTLIER_COUNT = `SELECT COUNT(*) AS c ${BASE} AND ${iv.nllMean} > ?`;
const TOP_OUTLIERS = `SELECT ${iv.id}, ${iv.traceId}, ${iv.location}, ${iv.status}, ${iv.nllMean}, ${iv.nllTokens}, substr(${iv.content}, 1, 160) AS preview ${BASE} AND ${iv.nllMean} > ?
     ORDER BY ${iv.nllMean} DESC LIMIT ?`;

async function orderStat(datasetId: string, model: string, n: number, q: number): Promise<number> {
  const { lo, frac } = quantilePosition(n, q);
  const rows = await prisma.$queryRawUnsafe<{ v: number }[]>(ORDER_STAT, model, datasetId, lo);
  return interpolate(num(rows[0]?.v), rows[1] === undefined ? undefined : num(rows[1].v), frac);
}

/** n, min, max, quartiles and Tukey's fence of one model's scores in a dataset (null when none). */
export async function nllSummary(datasetId: string, model: string): Promise<Summary | null> {
  const [agg] = await prisma.$queryRawUnsafe<{ n: number | bigint; min: number | null; max: number | null }[]>(AGGREGATE, model, datasetId);
  const n = num(agg?.n ?? 0);
  if (n === 0) return null;
  const [q1, median, q3] = [await orderStat(datasetId, model, n, 0.25), await orderStat(datasetId, model, n, 0.5), await orderStat(datasetId, model, n, 0.75)];
  return summarize({ n, q1, median, q3, min: num(agg.min), max: num(agg.max) });
}

/** Models with scores in this dataset: the distinct names come from the index, one probe each. */
async function scoringModels(datasetId: string): Promise<string[]> {
  const names = await prisma.$queryRawUnsafe<{ model: string }[]>(SCORING_MODELS);
  const here: string[] = [];
  for (const { model } of names) {
    if ((await prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 AS x ${BASE} LIMIT 1`, model, datasetId)).length) here.push(model);
  }
  return here;
}

/** The dataset's distribution for `prefer` (the configured model) when it has scores here, else the first model that has. */
export async function onpolicyStats(datasetId: string, opts: { prefer?: string | null; bins?: number; top?: number } = {}): Promise<OnpolicyStats> {
  const [found, [{ live }]] = await Promise.all([
    scoringModels(datasetId),
    prisma.$queryRawUnsafe<{ live: number | bigint }[]>(LIVE, datasetId),
  ]);
  const model = opts.prefer && found.includes(opts.prefer) ? opts.prefer : (found[0] ?? null);
  const models = model ? [model, ...found.filter((m) => m !== model)] : [];
  const empty: OnpolicyStats = { model, models, live: num(live), scored: 0, summary: null, bins: [], outliers: 0, top: [] };
  if (!model) return empty;
  const summary = await nllSummary(datasetId, model);
  if (!summary) return empty;
  const e = binEdges(summary.min, summary.max, opts.bins ?? 20);
  const counts = await prisma.$queryRawUnsafe<{ b: number | bigint; c: number | bigint }[]>(HISTOGRAM, e.bins - 1, e.lo, e.width, model, datasetId);
  const byBin = new Map(counts.map((r) => [num(r.b), num(r.c)]));
  const bins = Array.from({ length: e.bins }, (_, k) => ({ lo: e.lo + k * e.width, hi: e.bins === 1 ? summary.max : e.lo + (k + 1) * e.width, count: byBin.get(k) ?? 0 }));
  // outliers sit at the top of the index range: these read only them
  const [{ c: outliers }] = await prisma.$queryRawUnsafe<{ c: number | bigint }[]>(OUTLIER_COUNT, model, datasetId, summary.fence);
  const top = await prisma.$queryRawUnsafe<{ id: string; traceId: string; location: number; status: string; nllMean: number; nllTokens: number | null; preview: string }[]>(TOP_OUTLIERS, model, datasetId, summary.fence, opts.top ?? 10);
  return {
    model, models, live: num(live), scored: summary.n, summary, bins, outliers: num(outliers),
    top: top.map((r) => ({ ...r, location: num(r.location), nllMean: num(r.nllMean), nllTokens: r.nllTokens === null ? null : num(r.nllTokens) })),
  };
}

export type OnpolicyJobView = { id: string; status: string; error: string | null; total: number; createdAt: string };

/** The dataset's latest scoring job (its failure message says why, e.g. no prompt_logprobs). */
export async function latestOnpolicyJob(datasetId: string): Promise<OnpolicyJobView | null> {
  const j = await prisma.job.findFirst({ where: { datasetId, kind: "onpolicy" }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, error: true, total: true, createdAt: true } });
  return j && { ...j, createdAt: j.createdAt.toISOString() };
}
