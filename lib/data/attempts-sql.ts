import { TEXT_BYTES } from "./analysis-sql";
import { table } from "./sql-types";

// "A model's attempts on a problem", in SQL, shared by the analysis (every model) and the
// two-model comparison (model IN (?, ?)): its traces that are not origin "sampled" (imported
// etc.; graded when `correct` is not null) plus its Rollout rows of condition "attempt" (the
// sample stage's complete record: every attempt, right or wrong, always graded). A sampled
// trace is a copy of a wrong attempt, so it is not counted again: the statement reads all
// traces from the covering index (Trace_analysis_idx) and subtracts the sampled traces the
// attempt rollouts point to (only those rows are read, by id). The unary + on generator keeps
// SQLite from walking Trace(datasetId, generator, id) and then every row behind the text.
// Attempt rollouts are read from the partial index Rollout_attempt_idx alone, the subtracted
// sampled traces from the partial index Trace_sampled_idx alone (migration 20261206020100: the
// byte length and step count expressions must stay spelled as there); a trace of another origin
// that an attempt points to (not written by the sample stage, but possible) is read from its row.
// Steps (analysis only): a wrong attempt's text is its trace's text (the trace is found by the
// hash of model and text), so its steps are that trace's stepCount, read with the row the
// subtraction reads anyway (times the attempts pointing at it); only the right attempts'
// texts are counted in SQL (countSteps: ~6 us per 4 KB text, 250 ms per 40,000 attempts).

/** Literal of lib/rollouts/sample-handler.ts ATTEMPT_CONDITION (lib/data does not import the stage). */
export const ATTEMPT = "attempt";

/** lib/core/steps.ts countSteps in SQL: non-overlapping "\n\n" separators + 1. */
const stepsOf = (text: string) => `((length(${text}) - length(replace(${text}, char(10) || char(10), ''))) / 2 + 1)`;

// (names checked against the schema by tsc: ./sql-types.ts)
const pb = table("Problem", "p");
const ro = table("Rollout", "r");
const tr = table("Trace", "t");
const sx = table("Trace", "s");

export type AttemptScope = "all" | "pair";

/**
 * CTEs `att` (the attempt rollouts), `x` (its parts, to be summed) and `pm`: one row per
 * (problem `pid`, model `m`) with n graded, c correct, t attempts, b text bytes, s steps (0 for
 * the attempts of scope "pair", which does not need them), tr trace rows (any origin).
 * Parameters: attemptCteParams(scope, datasetId, a, b).
 */
export function attemptCtes(scope: AttemptScope): string {
  const rm = scope === "pair" ? ` AND ${ro.model} IN (?, ?)` : "";
  const tm = (plus: string) => (scope === "pair" ? ` AND ${plus}${tr.generator} IN (?, ?)` : "");
  // per trace row: graded, correct, one attempt, bytes; `w` weighs them (the subtracted sampled copies)
  const cols = (w: string) =>
    `SUM(${w}(${tr.correct} IS NOT NULL)), SUM(${w}(${tr.correct} = 1)), SUM(${w}1), SUM(${w}${TEXT_BYTES})`;
  return `
att AS MATERIALIZED (
  SELECT ${ro.problemId} AS pid, ${ro.model} AS m, ${ro.traceId} AS tid, ${ro.correct} AS ok, length(CAST(${ro.text} AS BLOB)) AS b,
    ${scope === "all" ? `CASE WHEN ${ro.traceId} IS NULL THEN ${stepsOf(ro.text)} ELSE 0 END` : "0"} AS s
  FROM ${pb} CROSS JOIN ${ro} INDEXED BY "Rollout_attempt_idx" ON ${ro.problemId} = ${pb.id} AND ${ro.condition} = '${ATTEMPT}'
  WHERE ${pb.datasetId} = ?${rm}
),
d AS MATERIALIZED (SELECT tid, COUNT(*) AS k FROM att WHERE tid IS NOT NULL GROUP BY tid),
x(pid, m, n, c, t, b, s, tr) AS (
  SELECT ${tr.problemId}, ${tr.generator}, ${cols("")}, SUM(${tr.stepCount}), COUNT(*)
    FROM ${tr} WHERE ${tr.datasetId} = ?${tm("+")} GROUP BY ${tr.problemId}, ${tr.generator}
  UNION ALL
  SELECT ${tr.problemId}, ${tr.generator}, ${cols("-")}, SUM(${tr.stepCount} * (d.k - 1)), 0
    FROM d CROSS JOIN ${tr} INDEXED BY "Trace_sampled_idx" ON ${tr.id} = d.tid AND ${tr.origin} = 'sampled'
    WHERE ${tr.datasetId} = ?${tm("")}
    GROUP BY ${tr.problemId}, ${tr.generator}
  UNION ALL
  SELECT ${tr.problemId}, ${tr.generator}, 0, 0, 0, 0, SUM(${tr.stepCount} * d.k), 0
    FROM (SELECT tid, k FROM d WHERE NOT EXISTS (SELECT 1 FROM ${sx} INDEXED BY "Trace_sampled_idx" WHERE ${sx.id} = d.tid AND ${sx.origin} = 'sampled')) d
      CROSS JOIN ${tr} ON ${tr.id} = d.tid
    WHERE +${tr.datasetId} = ?${tm("")}
    GROUP BY ${tr.problemId}, ${tr.generator}
  UNION ALL
  SELECT pid, m, COUNT(*), SUM(ok), COUNT(*), SUM(b), SUM(s), 0 FROM att GROUP BY pid, m
),
pm AS (
  SELECT pid, m, SUM(n) AS n, SUM(c) AS c, SUM(t) AS t, SUM(b) AS b, SUM(s) AS s, SUM(tr) AS tr FROM x GROUP BY pid, m
)`;
}

export function attemptCteParams(scope: AttemptScope, datasetId: string, a?: string, b?: string): unknown[] {
  const models = scope === "pair" ? [a, b] : [];
  return [datasetId, ...models, datasetId, ...models, datasetId, ...models, datasetId, ...models];
}

/**
 * Analysis: per (model, n graded, c correct) on a problem: problems, attempts, steps, bytes
 * summed over those problems, and the model's trace rows. Parameters: datasetId.
 */
export const MODEL_GROUPS = `
WITH ${attemptCtes("all")}
SELECT m AS "generator", n AS "n", c AS "c", COUNT(*) AS "problems", SUM(t) AS "attempts", SUM(s) AS "steps", SUM(b) AS "bytes", SUM(tr) AS "traces"
FROM pm WHERE t > 0 OR tr > 0 GROUP BY m, n, c`;

export const modelGroupsParams = (datasetId: string) => attemptCteParams("all", datasetId);

/** Models with attempt rollouts in the dataset: attempts, correct ones, problems. */
export const ATTEMPT_MODELS = `
SELECT ${ro.model} AS "model", COUNT(*) AS "attempts", SUM(${ro.correct}) AS "correct", COUNT(DISTINCT ${ro.problemId}) AS "problems"
FROM ${pb} CROSS JOIN ${ro} INDEXED BY "Rollout_attempt_idx" ON ${ro.problemId} = ${pb.id} AND ${ro.condition} = '${ATTEMPT}'
WHERE ${pb.datasetId} = ? GROUP BY ${ro.model} ORDER BY ${ro.model}`;
