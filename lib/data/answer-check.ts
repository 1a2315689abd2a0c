import { prisma, type Tx } from "@/lib/db";
import { sharedGradePool } from "@/lib/grade/shared-pool";
import { table, type Row } from "./sql-types";

// Trace.answerCheck (issue 12 §1): is the attempt's final answer correct? The imported
// `correct` (ProcessBench final_answer_correct, sampled attempts) when known; otherwise the
// attempt is graded against the problem's ground-truth answer (its marked final answer, as
// rollouts are graded) by the grading pool. "unknown" = cannot be graded: the problem has no
// answer, or the grader found no final answer / could not read it / timed out.
// Filled lazily, once per trace, before a filter or a proposal run needs it.

export type AnswerCheck = "correct" | "wrong" | "unknown";

const BATCH = 500;
const inflight = new Map<string, Promise<AnswerCheckFill>>();

export type AnswerCheckFill = { fromImport: number; noAnswer: number; graded: number };

// Names checked against the schema by tsc (./sql-types.ts).
const T = table("Trace");
const P = table("Problem");
const tr = table("Trace", "t");
const pb = table("Problem", "p");
const ANY_UNCHECKED = `SELECT 1 AS x FROM ${T} INDEXED BY "Trace_datasetId_answerCheck_id_idx" WHERE ${T.datasetId} = ? AND ${T.answerCheck} IS NULL LIMIT 1`;
const FROM_IMPORT = `UPDATE ${T} SET ${T.answerCheck} = CASE ${T.correct} WHEN 1 THEN 'correct' ELSE 'wrong' END WHERE ${T.datasetId} = ? AND ${T.answerCheck} IS NULL AND ${T.correct} IS NOT NULL`;
const NO_ANSWER = `UPDATE ${T} SET ${T.answerCheck} = 'unknown' WHERE ${T.datasetId} = ? AND ${T.answerCheck} IS NULL AND ${T.problemId} IN (SELECT ${P.id} FROM ${P} WHERE ${P.datasetId} = ? AND trim(${P.answer}) = '')`;
const NEXT_BATCH = `SELECT ${tr.id}, ${tr.text}, ${pb.answer} FROM ${tr} JOIN ${pb} ON ${pb.id} = ${tr.problemId}
       WHERE ${tr.datasetId} = ? AND ${tr.answerCheck} IS NULL ORDER BY ${tr.id} LIMIT ${BATCH}`;
const SET_CHECK = `UPDATE ${T} SET ${T.answerCheck} = ? WHERE ${T.id} = ? AND ${T.answerCheck} IS NULL`;

async function hasUnchecked(datasetId: string, db: Tx): Promise<boolean> {
  const r = await db.$queryRawUnsafe<{ x: number }[]>(ANY_UNCHECKED, datasetId);
  return r.length > 0;
}

async function fill(datasetId: string, db: Tx): Promise<AnswerCheckFill> {
  const out: AnswerCheckFill = { fromImport: 0, noAnswer: 0, graded: 0 };
  if (!(await hasUnchecked(datasetId, db))) return out;
  out.fromImport = await db.$executeRawUnsafe(FROM_IMPORT, datasetId);
  out.noAnswer = await db.$executeRawUnsafe(NO_ANSWER, datasetId, datasetId);
  const pool = sharedGradePool();
  for (;;) {
    const rows = await db.$queryRawUnsafe<(Row<"Trace", "id" | "text"> & Row<"Problem", "answer">)[]>(NEXT_BATCH, datasetId);
    if (rows.length === 0) break;
    const verdicts = await pool.gradeAll(rows.map((r) => ({ gold: r.answer, pred: r.text, predMode: "solution" as const })));
    const checks = verdicts.map((v): AnswerCheck => (v.verdict === "equal" ? "correct" : v.verdict === "not_equal" ? "wrong" : "unknown"));
    await prisma.$transaction(rows.map((r, i) => prisma.$executeRawUnsafe(SET_CHECK, checks[i], r.id)));
    out.graded += rows.length;
  }
  return out;
}

/** Fill answerCheck for every trace of the dataset that has none yet (one run per dataset at a time). */
export function ensureAnswerChecks(datasetId: string, db: Tx = prisma): Promise<AnswerCheckFill> {
  const running = inflight.get(datasetId);
  if (running) return running;
  const p = fill(datasetId, db).finally(() => inflight.delete(datasetId));
  inflight.set(datasetId, p);
  return p;
}
