import { attemptCteParams, attemptCtes } from "./attempts-sql";

// SQL of the two-model comparison (lib/data/compare.ts) over the two models' attempts, defined
// and computed once for the analysis and the comparison in lib/data/attempts-sql.ts (traces not
// sampled + attempt rollouts; sampled traces not counted twice). Here the per-(problem, model)
// parts (x) of the two models are summed and pivoted straight into one row per problem (na, ca, ta, ba: graded, correct,
// attempts and text bytes of model a; nb, cb, tb, bb of model b).

const PIVOT = (["a", "b"] as const)
  .map((x) => ["n", "c", "t", "b"].map((col) => `SUM(CASE WHEN m = ? THEN ${col} ELSE 0 END) AS ${col}${x}`).join(", "))
  .join(",\n    ");

/**
 * Per (na, ca, nb, cb) group: problems and summed attempts and bytes ('g' rows), then the
 * flipped problems ('f' rows, at most `limit`). Parameters: pairSqlParams(datasetId, a, b).
 */
export const pairSql = (limit: number) => `
WITH ${attemptCtes("pair")},
pp AS (
  SELECT pid, ${PIVOT}
  FROM x GROUP BY pid
)
SELECT 'g' AS kind, NULL AS pid, na, ca, nb, cb, COUNT(*) AS problems, SUM(ta) AS ta, SUM(ba) AS ba, SUM(tb) AS tb, SUM(bb) AS bb
  FROM pp WHERE na > 0 AND nb > 0 GROUP BY na, ca, nb, cb
UNION ALL
SELECT * FROM (SELECT 'f', pid, na, ca, nb, cb, 1, 0, 0, 0, 0 FROM pp WHERE na > 0 AND nb > 0 AND (ca > 0) <> (cb > 0) ORDER BY pid LIMIT ${limit})`;

export const pairSqlParams = (datasetId: string, a: string, b: string) => [...attemptCteParams("pair", datasetId, a, b), a, a, a, a, b, b, b, b];
