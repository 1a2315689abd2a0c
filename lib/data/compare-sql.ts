import { TEXT_BYTES } from "./analysis-sql";

// SQL of the two-model comparison (lib/data/compare.ts). The attempts of a model on a problem:
// its traces that are not origin "sampled" (imported etc.; graded when `correct` is not null),
// plus its Rollout rows of condition "attempt" (the sample stage's complete record: every
// attempt, right or wrong). A sampled trace is a copy of a wrong attempt, so it is not counted
// again: the statement reads all traces of the two models from the covering index
// (Trace_analysis_idx, as the analysis does) and subtracts the sampled traces its attempt
// rollouts point to (only those rows are read, by id). The unary + on generator keeps SQLite
// from walking Trace(datasetId, generator, id) and then every row behind the text. Mean length
// (bytes) covers the same attempts: non-sampled traces + attempt texts. Attempt rollouts are
// read from their rows (correct sits after the text); an index
// Rollout(problemId, condition, model, correct, traceId, length(CAST(text AS BLOB))) would make that
// part index-only (not added: measured ~2x faster on 40,000 attempts, not needed at this size).

/** Literal of lib/rollouts/sample-handler.ts ATTEMPT_CONDITION (lib/data does not import the stage). */
export const ATTEMPT = "attempt";

/** Attempt rollouts of the dataset's problems by the two models (model IN (?, ?)), datasetId first. */
const ATT = `
  SELECT r."problemId" AS pid, r."model" AS m, r."traceId" AS tid, r."correct" AS ok, length(CAST(r."text" AS BLOB)) AS b
  FROM "Problem" p CROSS JOIN "Rollout" r ON r."problemId" = p."id" AND r."condition" = '${ATTEMPT}'
  WHERE p."datasetId" = ? AND r."model" IN (?, ?)`;

/** Per model a, b: graded, correct, attempts, bytes (the expressions of one attempt row of model `m`), times `sign`. */
const sums = (m: string, g: string, c: string, b: string, sign = "") =>
  (["a", "b"] as const).map((x) => `${sign}SUM(CASE WHEN ${m} = ? THEN ${g} ELSE 0 END) AS n${x}, ${sign}SUM(CASE WHEN ${m} = ? THEN ${c} ELSE 0 END) AS c${x},
    ${sign}SUM(${m} = ?) AS t${x}, ${sign}SUM(CASE WHEN ${m} = ? THEN ${b} ELSE 0 END) AS b${x}`).join(",\n    ");
const SUM_PARAMS = (a: string, b: string) => [a, a, a, a, b, b, b, b];

/**
 * Per (na, ca, nb, cb) group: problems and summed attempts and bytes ('g' rows), then the
 * flipped problems ('f' rows, at most `limit`). Parameters: pairSqlParams(datasetId, a, b).
 * Each part is grouped by problem on its own (the traces straight off the index, in problem
 * order, without a sort); only the per-problem rows are merged.
 */
export const pairSql = (limit: number) => `
WITH att AS MATERIALIZED (${ATT}
),
x AS (
  SELECT t."problemId" AS pid, ${sums('t."generator"', '(t."correct" IS NOT NULL)', '(t."correct" = 1)', TEXT_BYTES)}
    FROM "Trace" t WHERE t."datasetId" = ? AND +t."generator" IN (?, ?) GROUP BY t."problemId"
  UNION ALL
  SELECT t."problemId", ${sums('t."generator"', '(t."correct" IS NOT NULL)', '(t."correct" = 1)', TEXT_BYTES, "-")}
    FROM (SELECT DISTINCT tid FROM att WHERE tid IS NOT NULL) s CROSS JOIN "Trace" t ON t."id" = s.tid
    WHERE t."datasetId" = ? AND t."generator" IN (?, ?) AND t."origin" = 'sampled'
    GROUP BY t."problemId"
  UNION ALL
  SELECT pid, ${sums("m", "1", "ok", "b")} FROM att GROUP BY pid
),
pp AS (
  SELECT pid, SUM(na) AS na, SUM(ca) AS ca, SUM(ta) AS ta, SUM(ba) AS ba, SUM(nb) AS nb, SUM(cb) AS cb, SUM(tb) AS tb, SUM(bb) AS bb
  FROM x GROUP BY pid
)
SELECT 'g' AS kind, NULL AS pid, na, ca, nb, cb, COUNT(*) AS problems, SUM(ta) AS ta, SUM(ba) AS ba, SUM(tb) AS tb, SUM(bb) AS bb
  FROM pp WHERE na > 0 AND nb > 0 GROUP BY na, ca, nb, cb
UNION ALL
SELECT * FROM (SELECT 'f', pid, na, ca, nb, cb, 1, 0, 0, 0, 0 FROM pp WHERE na > 0 AND nb > 0 AND (ca > 0) <> (cb > 0) ORDER BY pid LIMIT ${limit})`;

export const pairSqlParams = (datasetId: string, a: string, b: string) => [
  datasetId, a, b, // att
  ...SUM_PARAMS(a, b), datasetId, a, b, // traces
  ...SUM_PARAMS(a, b), datasetId, a, b, // sampled traces, subtracted
  ...SUM_PARAMS(a, b), // attempts
];

/** Models with attempt rollouts in the dataset: attempts, correct ones, problems. */
export const ATTEMPT_MODELS = `
SELECT r."model" AS "model", COUNT(*) AS "attempts", SUM(r."correct") AS "correct", COUNT(DISTINCT r."problemId") AS "problems"
FROM "Problem" p CROSS JOIN "Rollout" r ON r."problemId" = p."id" AND r."condition" = '${ATTEMPT}'
WHERE p."datasetId" = ? GROUP BY r."model" ORDER BY r."model"`;
