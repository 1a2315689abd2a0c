import { LENGTH_EDGES } from "@/lib/core/compare/histogram";
import { table } from "./sql-types";

// SQL of the analysis aggregates. Every statement returns grouped counts (tens to a few
// thousand rows), never one row per trace. Trace rows keep the attempt text before
// generator/correct/stepCount, so reading those columns from the row walks the text's overflow
// pages (~500 MB at 100,000 traces). The statements below read them from the covering index
// "Trace_analysis_idx" (prisma/migrations/20261126100000_trace_analysis_index) instead, which
// also stores the text's byte length: spell it TEXT_BYTES, exactly, or SQLite reads the row.
// lib/data/analysis.ts still caches the results until the dataset changes (the fingerprint
// below reads indexes only).

// Tables and columns typed from the schema (lib/data/sql-types.ts): one ref per alias.
const t = table("Trace", "t");
const [l, f, y, z, m, x, lp] = (["l", "f", "y", "z", "m", "x", "p"] as const).map((a) => table("FirstErrorLabel", a));
const i = table("Intervention", "i");
const p = table("Problem", "p");
const r = table("Rollout", "r");

/** UTF-8 byte length of the attempt text of `t`, as stored in Trace_analysis_idx. */
export const TEXT_BYTES = `length(CAST(${t.text} AS BLOB))`;

/** CASE expression: token-length bin of `bytesExpr` (token estimate = UTF-8 bytes / 4). */
export function lengthBinSql(bytesExpr: string): string {
  const arms = LENGTH_EDGES.map((e, i) => ({ e, i })).reverse().map(({ e, i }) => `WHEN (${bytesExpr}) / 4 >= ${e} THEN ${i}`);
  return `CASE ${arms.join(" ")} ELSE 0 END`;
}

// Per-model numbers (accuracy, pass@k, lengths) are over attempts, not traces alone:
// lib/data/attempts-sql.ts MODEL_GROUPS, shared with the comparison.

/** First-error labels per source, step and the trace's step count (step NULL = "no error"). */
export const LABEL_GROUPS = `
SELECT ${l.source} AS "source", ${l.step} AS "step", ${t.stepCount} AS "stepCount", COUNT(*) AS "count"
FROM ${t} CROSS JOIN ${l} ON ${l.traceId} = ${t.id}
WHERE ${t.datasetId} = ? GROUP BY ${l.source}, ${l.step}, ${t.stepCount}`;

/**
 * Model label vs everything the winning rule (lib/core/agreement/winning-label.ts) looks at, per
 * trace with a model label, grouped: the final label, the people's labels summed up as
 * count / distinct steps / lowest / highest step, and the newest imported label. A step of -1
 * stands for "no error" (NULL = no such label). The rule itself runs on each group in JS.
 */
export const AGREEMENT_GROUPS = `
SELECT ${m.step} AS "model",
  (SELECT IFNULL(${f.step}, -1) FROM ${f} WHERE ${f.traceId} = ${t.id} AND ${f.source} = 'final' AND ${f.annotator} = '') AS "final",
  (SELECT COUNT(DISTINCT IFNULL(${y.step}, -1)) || ':' || MIN(IFNULL(${y.step}, -1)) || ':' || MAX(IFNULL(${y.step}, -1))
     FROM ${y} WHERE ${y.traceId} = ${t.id} AND ${y.source} = 'human') AS "humans",
  (SELECT IFNULL(${z.step}, -1) FROM ${z} WHERE ${z.traceId} = ${t.id} AND ${z.source} = 'imported'
     ORDER BY ${z.updatedAt} DESC, ${z.id} DESC LIMIT 1) AS "imported",
  COUNT(*) AS "count"
FROM ${t}
CROSS JOIN ${m} ON ${m.id} = (
  SELECT ${x.id} FROM ${x} WHERE ${x.traceId} = ${t.id} AND ${x.source} = 'model' ORDER BY ${x.updatedAt} DESC, ${x.id} DESC LIMIT 1)
WHERE ${t.datasetId} = ? GROUP BY 1, 2, 3, 4`;

/**
 * Every label of the traces a person labelled (a human or final label): the agreement report's
 * input (pairs of raters, raters vs the final label, Krippendorff's alpha). Traces nobody
 * labelled are not read: at 100,000 imported traces they would only pair a model with the
 * imported label, which the model-vs-label panel above already shows. One row holding a JSON
 * array of [traceId, source, annotator, step]: through Prisma, tens of thousands of small rows
 * cost ten times more than parsing one string (bench/agreement.ts).
 */
export const TEAM_LABELS = `
SELECT json_group_array(json_array(${l.traceId}, ${l.source}, ${l.annotator}, ${l.step})) AS "labels"
FROM ${l}
WHERE ${l.traceId} IN (
  SELECT ${lp.traceId} FROM ${lp} CROSS JOIN ${t} ON ${t.id} = ${lp.traceId}
  WHERE ${lp.source} IN ('human', 'final') AND ${t.datasetId} = ?)`;

/**
 * Figure 10: token-length bins of interventions and of the attempts they belong to. The byte
 * lengths are taken in a materialised CTE: written inside the CASE/GROUP BY expressions, the
 * attempt's length was computed from the row instead of read from the index (6x slower).
 * INDEXED BY: with Trace_list_idx (datasetId, id, ...) beside it, SQLite chose that one and read
 * every row for the length.
 */
export const INTERVENTION_LENGTHS = `
WITH x AS MATERIALIZED (
  SELECT octet_length(${i.content}) AS ib, ${TEXT_BYTES} AS tb
  FROM ${t} INDEXED BY "Trace_analysis_idx" CROSS JOIN ${i} ON ${i.traceId} = ${t.id}
  WHERE ${t.datasetId} = ? AND ${i.status} <> 'rejected'
)
SELECT ${lengthBinSql("ib")} AS "ivBin", ${lengthBinSql("tb")} AS "attemptBin", COUNT(*) AS "count", SUM(ib) AS "ivBytes", SUM(tb) AS "attemptBytes",
       SUM(CAST(ib AS REAL) / MAX(1, tb)) AS "ratioSum"
FROM x GROUP BY 1, 2`;

/** Table 1: per rollout condition, rollouts, correct ones, problems and problems covered. */
export const ROLLOUT_CONDITIONS = `
SELECT cond AS "condition", SUM(n) AS "rollouts", SUM(ok) AS "correct", COUNT(*) AS "problems", SUM(ok > 0) AS "covered"
FROM (
  SELECT ${r.condition} AS cond, ${r.problemId} AS pid, COUNT(*) AS n, SUM(${r.correct}) AS ok
  FROM ${p} CROSS JOIN ${r} ON ${r.problemId} = ${p.id}
  WHERE ${p.datasetId} = ? GROUP BY ${r.condition}, ${r.problemId}
) GROUP BY cond`;

/** Interventions kept by rollouts (verified), rolled out, and all not rejected. */
export const VERIFIED = `
SELECT COALESCE(SUM(${i.verified} = 1), 0) AS "verified", COALESCE(SUM(${i.verified} IS NOT NULL), 0) AS "rolledOut", COUNT(*) AS "total"
FROM ${t} CROSS JOIN ${i} ON ${i.traceId} = ${t.id}
WHERE ${t.datasetId} = ? AND ${i.status} <> 'rejected'`;

/**
 * Cheap change detector, O(1) or one small index walk per table: newest rowids and row
 * counts. A person's change always writes an AuditEvent; model work (labels, verified flags)
 * runs in jobs, whose rows are touched as they progress. It is global: a change in any
 * dataset makes every dataset recompute once, which is cheap next to a stale plot.
 */
// the dataset's trace count from TraceListCount (a sum over its few rows, kept exact by triggers and the importer's
// recount): COUNT(*) walked 100,000 index entries, 6.7 ms on every list render and Analysis view.
const c = table("TraceListCount", "c");
export const FINGERPRINT = `
SELECT
  (SELECT IFNULL(SUM(${c.n}), 0) FROM ${c} WHERE ${c.datasetId} = ?) || ':' || (SELECT IFNULL(MAX(rowid), 0) FROM ${table("Trace")}) AS "traces",
  (SELECT IFNULL(MAX(rowid), 0) || ':' || COUNT(*) FROM ${table("FirstErrorLabel")}) AS "labels",
  (SELECT IFNULL(MAX(rowid), 0) || ':' || COUNT(*) FROM ${table("Intervention")}) || '/' || (SELECT IFNULL(MAX(rowid), 0) FROM ${table("AuditEvent")}) AS "interventions",
  (SELECT IFNULL(MAX(rowid), 0) || ':' || COUNT(*) FROM ${table("Rollout")}) || '/' || (SELECT IFNULL(MAX(${table("Job").updatedAt}), '') FROM ${table("Job")}) AS "rollouts"`;
