import { LENGTH_EDGES } from "@/lib/core/compare/histogram";

// SQL of the analysis aggregates. Every statement returns grouped counts (tens to a few
// thousand rows), never one row per trace. Trace rows keep the attempt text before
// generator/correct/stepCount, so reading those columns walks the text's overflow pages:
// the statements that need them scan a dataset once, and lib/data/analysis.ts caches their
// results until the dataset changes (the fingerprint below reads indexes only).

/** CASE expression: token-length bin of `bytesExpr` (token estimate = UTF-8 bytes / 4). */
export function lengthBinSql(bytesExpr: string): string {
  const arms = LENGTH_EDGES.map((e, i) => ({ e, i })).reverse().map(({ e, i }) => `WHEN (${bytesExpr}) / 4 >= ${e} THEN ${i}`);
  return `CASE ${arms.join(" ")} ELSE 0 END`;
}

/**
 * One scan of the dataset's traces (the expensive part: it reads behind the text), kept in a
 * materialised CTE and grouped twice: kind 't' = per (generator, n graded, c correct):
 * problems, traces, summed steps and bytes; kind 'l' = first-error labels per source, step
 * and the trace's step count (step NULL = "no error").
 */
export const TRACE_SCAN = `
WITH tr AS MATERIALIZED (
  SELECT t."id" AS id, t."problemId" AS pid, t."generator" AS g, t."correct" AS ok, t."stepCount" AS sc, octet_length(t."text") AS bytes
  FROM "Trace" t WHERE t."datasetId" = ?
),
pg AS (
  SELECT pid, g, COUNT(*) AS cnt, SUM(ok IS NOT NULL) AS n, SUM(ok = 1) AS c, SUM(sc) AS steps, SUM(bytes) AS bytes FROM tr GROUP BY pid, g
)
SELECT 't' AS "kind", g AS "generator", n AS "n", c AS "c", COUNT(*) AS "problems", SUM(cnt) AS "traces", SUM(steps) AS "steps", SUM(bytes) AS "bytes",
       NULL AS "source", NULL AS "step", NULL AS "stepCount"
  FROM pg GROUP BY g, n, c
UNION ALL
SELECT 'l', NULL, NULL, NULL, COUNT(*), NULL, NULL, NULL, l."source", l."step", tr.sc
  FROM tr CROSS JOIN "FirstErrorLabel" l ON l."traceId" = tr.id GROUP BY l."source", l."step", tr.sc`;

/**
 * Model vs human label per trace, grouped. Human = the newest label by a person, else the
 * imported (data set's human) label; model = the newest model label. Label rows only.
 */
export const AGREEMENT_GROUPS = `
SELECT h."step" AS "human", m."step" AS "model", COUNT(*) AS "count"
FROM "Trace" t
CROSS JOIN "FirstErrorLabel" m ON m."id" = (
  SELECT x."id" FROM "FirstErrorLabel" x WHERE x."traceId" = t."id" AND x."source" = 'model' ORDER BY x."updatedAt" DESC, x."id" DESC LIMIT 1)
CROSS JOIN "FirstErrorLabel" h ON h."id" = (
  SELECT y."id" FROM "FirstErrorLabel" y WHERE y."traceId" = t."id" AND y."source" IN ('human', 'imported')
  ORDER BY y."source" = 'human' DESC, y."updatedAt" DESC, y."id" DESC LIMIT 1)
WHERE t."datasetId" = ? GROUP BY h."step", m."step"`;

/** Figure 10: token-length bins of interventions and of the attempts they belong to. */
export const INTERVENTION_LENGTHS = `
SELECT ${lengthBinSql(`octet_length(i."content")`)} AS "ivBin", ${lengthBinSql(`octet_length(t."text")`)} AS "attemptBin",
       COUNT(*) AS "count", SUM(octet_length(i."content")) AS "ivBytes", SUM(octet_length(t."text")) AS "attemptBytes",
       SUM(CAST(octet_length(i."content") AS REAL) / MAX(1, octet_length(t."text"))) AS "ratioSum"
FROM "Trace" t CROSS JOIN "Intervention" i ON i."traceId" = t."id"
WHERE t."datasetId" = ? AND i."status" <> 'rejected' GROUP BY 1, 2`;

/** Table 1: per rollout condition, rollouts, correct ones, problems and problems covered. */
export const ROLLOUT_CONDITIONS = `
SELECT cond AS "condition", SUM(n) AS "rollouts", SUM(ok) AS "correct", COUNT(*) AS "problems", SUM(ok > 0) AS "covered"
FROM (
  SELECT r."condition" AS cond, r."problemId" AS pid, COUNT(*) AS n, SUM(r."correct") AS ok
  FROM "Problem" p CROSS JOIN "Rollout" r ON r."problemId" = p."id"
  WHERE p."datasetId" = ? GROUP BY r."condition", r."problemId"
) GROUP BY cond`;

/** Interventions kept by rollouts (verified), rolled out, and all not rejected. */
export const VERIFIED = `
SELECT COALESCE(SUM(i."verified" = 1), 0) AS "verified", COALESCE(SUM(i."verified" IS NOT NULL), 0) AS "rolledOut", COUNT(*) AS "total"
FROM "Trace" t CROSS JOIN "Intervention" i ON i."traceId" = t."id"
WHERE t."datasetId" = ? AND i."status" <> 'rejected'`;

/**
 * Cheap change detector, O(1) or one small index walk per table: newest rowids and row
 * counts. A person's change always writes an AuditEvent; model work (labels, verified flags)
 * runs in jobs, whose rows are touched as they progress. It is global: a change in any
 * dataset makes every dataset recompute once, which is cheap next to a stale plot.
 */
export const FINGERPRINT = `
SELECT
  (SELECT COUNT(*) FROM "Trace" t WHERE t."datasetId" = ?) || ':' || (SELECT IFNULL(MAX(rowid), 0) FROM "Trace") AS "traces",
  (SELECT IFNULL(MAX(rowid), 0) || ':' || COUNT(*) FROM "FirstErrorLabel") AS "labels",
  (SELECT IFNULL(MAX(rowid), 0) || ':' || COUNT(*) FROM "Intervention") || '/' || (SELECT IFNULL(MAX(rowid), 0) FROM "AuditEvent") AS "interventions",
  (SELECT IFNULL(MAX(rowid), 0) || ':' || COUNT(*) FROM "Rollout") || '/' || (SELECT IFNULL(MAX("updatedAt"), '') FROM "Job") AS "rollouts"`;
