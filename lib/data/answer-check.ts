import { prisma, type Tx } from "@/lib/db";
import { sharedGradePool } from "@/lib/grade/shared-pool";

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

async function hasUnchecked(datasetId: string, db: Tx): Promise<boolean> {
  const r = await db.$queryRawUnsafe<{ x: number }[]>(
    `SELECT 1 AS x FROM "Trace" INDEXED BY "Trace_datasetId_answerCheck_id_idx" WHERE "datasetId" = ? AND "answerCheck" IS NULL LIMIT 1`, datasetId);
  return r.length > 0;
}

async function fill(datasetId: string, db: Tx): Promise<AnswerCheckFill> {
  const out: AnswerCheckFill = { fromImport: 0, noAnswer: 0, graded: 0 };
  if (!(await hasUnchecked(datasetId, db))) return out;
  out.fromImport = await db.$executeRawUnsafe(
    `UPDATE "Trace" SET "answerCheck" = CASE "correct" WHEN 1 THEN 'correct' ELSE 'wrong' END WHERE "datasetId" = ? AND "answerCheck" IS NULL AND "correct" IS NOT NULL`, datasetId);
  out.noAnswer = await db.$executeRawUnsafe(
    `UPDATE "Trace" SET "answerCheck" = 'unknown' WHERE "datasetId" = ? AND "answerCheck" IS NULL AND "problemId" IN (SELECT "id" FROM "Problem" WHERE "datasetId" = ? AND trim("answer") = '')`,
    datasetId, datasetId);
  const pool = sharedGradePool();
  for (;;) {
    const rows = await db.$queryRawUnsafe<{ id: string; text: string; answer: string }[]>(
      `SELECT t."id", t."text", p."answer" FROM "Trace" t JOIN "Problem" p ON p."id" = t."problemId"
       WHERE t."datasetId" = ? AND t."answerCheck" IS NULL ORDER BY t."id" LIMIT ${BATCH}`, datasetId);
    if (rows.length === 0) break;
    const verdicts = await pool.gradeAll(rows.map((r) => ({ gold: r.answer, pred: r.text, predMode: "solution" as const })));
    const checks = verdicts.map((v): AnswerCheck => (v.verdict === "equal" ? "correct" : v.verdict === "not_equal" ? "wrong" : "unknown"));
    await prisma.$transaction(rows.map((r, i) => prisma.$executeRawUnsafe(`UPDATE "Trace" SET "answerCheck" = ? WHERE "id" = ? AND "answerCheck" IS NULL`, checks[i], r.id)));
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
