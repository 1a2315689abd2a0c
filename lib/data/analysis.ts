import { prisma, type Tx } from "@/lib/db";
import type { Agreement } from "@/lib/core/compare/agreement";
import { LENGTH_EDGES, REL_BINS, estimateTokens, relBin, stepBin } from "@/lib/core/compare/histogram";
import type { NcGroup } from "@/lib/core/compare/pass-at-k-groups";
import { modelVsWinner } from "./model-vs-label";
import { AGREEMENT_GROUPS, FINGERPRINT, INTERVENTION_LENGTHS, LABEL_GROUPS, ROLLOUT_CONDITIONS, VERIFIED } from "./analysis-sql";
import { modelGroups, modelStats, type ModelStats } from "./analysis-models";
import { ROLLOUT_ROW_CONDITIONS } from "@/lib/core/rollouts/conditions";
import type { Row } from "./sql-types";

// Aggregates behind the analysis and comparison pages, computed in the database (GROUP BY /
// COUNT / SUM: lib/data/analysis-sql.ts) and returned as small tables. The result is cached
// in a Setting row per dataset together with a fingerprint read from indexes; any import,
// label, intervention or rollout change alters the fingerprint and the next read recomputes.
// Per-model numbers are over attempts (traces not sampled + attempt rollouts), as in the
// comparison: lib/data/analysis-models.ts.

export const STEP_BINS = 20;

export type { ModelStats } from "./analysis-models";

export type LabelHistogram = { source: string; labels: number; noError: number; byStep: number[]; byRel: number[] };

export type Analysis = {
  computedAt: string;
  traces: number; // trace rows
  models: ModelStats[];
  ncGroups: (NcGroup & { generator: string })[];
  firstErrors: LabelHistogram[]; // per label source: step bins 1..STEP_BINS (last open), REL_BINS relative bins
  agreement: Agreement; // the newest model label vs the trace's winning label
  lengths: { bins: number; interventions: number[]; attempts: number[]; count: number; meanIvTokens: number | null; meanAttemptTokens: number | null; meanRatio: number | null };
  rollouts: { condition: string; rollouts: number; correct: number; accuracy: number; problems: number; covered: number; coverage: number }[];
  verified: { verified: number; rolledOut: number; total: number };
};

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

// Rows of the statements in analysis-sql.ts: schema columns typed from the schema (sql-types.ts),
// aggregates as SQLite returns them (an integer may come back as a bigint).
type N = bigint | number;
type LabelGroupRow = Row<"FirstErrorLabel", "source" | "step"> & Row<"Trace", "stepCount"> & { count: N };
type LengthRow = { ivBin: N; attemptBin: N; count: N; ivBytes: N; attemptBytes: N; ratioSum: number };
type RolloutRow = Row<"Rollout", "condition"> & { rollouts: N; correct: N; problems: N; covered: N };
type VerifiedRow = { verified: N | null; rolledOut: N | null; total: N };
const q = <T>(db: Tx, sql: string, ...params: unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...params);

async function fingerprint(datasetId: string, db: Tx): Promise<string> {
  const [r] = await q<Record<string, unknown>>(db, FINGERPRINT, datasetId);
  return JSON.stringify([3, r.traces, r.labels, r.interventions, String(r.rollouts)]);
}

/**
 * A JSON value computed by `compute`, cached in the Setting row `key` with the dataset's
 * fingerprint; recomputed when the fingerprint changed or the row is damaged.
 */
export async function cachedByFingerprint<T>(key: string, datasetId: string, compute: () => Promise<T>, db: Tx = prisma): Promise<T> {
  const fp = await fingerprint(datasetId, db);
  const hit = await db.setting.findUnique({ where: { key } });
  if (hit) {
    try {
      const v = JSON.parse(hit.value) as { fp: string; data: T };
      if (v.fp === fp) return v.data;
    } catch {
      // a damaged cache row is recomputed below
    }
  }
  const data = await compute();
  const value = JSON.stringify({ fp, data });
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  return data;
}

/** The dataset's analysis, from the cache when nothing changed since it was computed. */
export async function getAnalysis(datasetId: string, db: Tx = prisma): Promise<Analysis> {
  return cachedByFingerprint(`analysis:${datasetId}`, datasetId, () => computeAnalysis(datasetId, db), db);
}

export async function computeAnalysis(datasetId: string, db: Tx = prisma): Promise<Analysis> {
  const [groups, labels, agree, lengths, rollouts, [ver]] = await Promise.all([
    modelGroups(datasetId, db),
    q<LabelGroupRow>(db, LABEL_GROUPS, datasetId),
    q<Record<string, unknown>>(db, AGREEMENT_GROUPS, datasetId),
    q<LengthRow>(db, INTERVENTION_LENGTHS, datasetId),
    q<RolloutRow>(db, ROLLOUT_CONDITIONS, datasetId),
    q<VerifiedRow>(db, VERIFIED, datasetId),
  ]);
  const models = modelStats(groups);

  const hist = new Map<string, LabelHistogram>();
  for (const r of labels) {
    const source = String(r.source);
    const h = hist.get(source) ?? { source, labels: 0, noError: 0, byStep: new Array(STEP_BINS).fill(0), byRel: new Array(REL_BINS).fill(0) };
    hist.set(source, h);
    const count = num(r.count);
    h.labels += count;
    if (r.step === null) h.noError += count;
    else {
      h.byStep[stepBin(num(r.step), STEP_BINS) - 1] += count;
      h.byRel[relBin(num(r.step), num(r.stepCount))] += count;
    }
  }
  const order = ["final", "human", "imported", "model"];
  const firstErrors = [...hist.values()].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));

  const bins = LENGTH_EDGES.length;
  const iv = new Array<number>(bins).fill(0);
  const at = new Array<number>(bins).fill(0);
  let count = 0, ivBytes = 0, atBytes = 0, ratioSum = 0;
  for (const r of lengths) {
    const c = num(r.count);
    iv[num(r.ivBin)] += c;
    at[num(r.attemptBin)] += c;
    count += c;
    ivBytes += num(r.ivBytes);
    atBytes += num(r.attemptBytes);
    ratioSum += num(r.ratioSum);
  }
  const per = (x: number) => (count ? estimateTokens(x / count) : null);

  return {
    computedAt: new Date().toISOString(),
    traces: models.reduce((s, m) => s + m.traces, 0),
    models,
    ncGroups: groups.map(({ generator, n, c, problems }) => ({ generator, n, c, problems })),
    firstErrors,
    agreement: modelVsWinner(agree),
    lengths: { bins, interventions: iv, attempts: at, count, meanIvTokens: per(ivBytes), meanAttemptTokens: per(atBytes), meanRatio: count ? ratioSum / count : null },
    rollouts: rollouts.map((r) => {
      const n = num(r.rollouts), ok = num(r.correct), p = num(r.problems), cov = num(r.covered);
      return { condition: String(r.condition), rollouts: n, correct: ok, accuracy: n ? ok / n : 0, problems: p, covered: cov, coverage: p ? cov / p : 0 };
    }).sort((a, b) => ROLLOUT_ROW_CONDITIONS.indexOf(a.condition) - ROLLOUT_ROW_CONDITIONS.indexOf(b.condition)),
    verified: { verified: num(ver?.verified), rolledOut: num(ver?.rolledOut), total: num(ver?.total) },
  };
}
