import { randomUUID } from "node:crypto";
import { prisma, type Tx } from "@/lib/db";
import { keepState, type KeepState } from "@/lib/core/rollouts/keep";

// Writes of the rollouts and sample stages. A Rollout row is keyed by (jobItemId, sample): an
// item run again after a crash or a retry upserts the same rows, so a job never stores a
// sample twice, and samples already stored are not asked of the model again. The first stored
// sample wins (INSERT OR IGNORE), so a late write from a process presumed dead changes nothing.

export type RolloutRow = {
  problemId: string;
  traceId: string | null;
  interventionId: string | null;
  condition: string;
  sample: number;
  jobItemId: string;
  model: string;
  sampling: Record<string, unknown>;
  text: string;
  verdict: string;
  extracted: string | null;
  method: string | null;
  correct: boolean;
};

export async function storedSamples(jobItemId: string): Promise<Map<number, boolean>> {
  const rows = await prisma.rollout.findMany({ where: { jobItemId }, select: { sample: true, correct: true } });
  return new Map(rows.map((r) => [r.sample, r.correct]));
}

const COLS = ["id", "problemId", "traceId", "interventionId", "condition", "sample", "jobItemId", "model", "sampling", "text", "verdict", "extracted", "method", "correct", "createdAt"];
const ROW_SQL = `(${COLS.map(() => "?").join(", ")})`;
const CHUNK = 60; // 15 columns x 60 rows stays under SQLite's variable limit

/**
 * INSERT OR IGNORE on (jobItemId, sample), in multi-row statements: one statement per flush
 * instead of a find + insert per row through the ORM (the rollout benchmark's hot path).
 */
export async function upsertRollouts(rows: RolloutRow[], db: Tx = prisma): Promise<void> {
  const now = new Date();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const values = part.flatMap((r) => [
      `c${randomUUID().replaceAll("-", "")}`, r.problemId, r.traceId, r.interventionId, r.condition, r.sample, r.jobItemId, r.model,
      JSON.stringify(r.sampling), r.text, r.verdict, r.extracted, r.method, r.correct ? 1 : 0, now,
    ]);
    await db.$executeRawUnsafe(`INSERT OR IGNORE INTO "Rollout" (${COLS.map((c) => `"${c}"`).join(", ")}) VALUES ${part.map(() => ROW_SQL).join(", ")}`, ...values);
  }
}

/**
 * The keep filter (method.md §6) over every "intervention" rollout of an intervention, written
 * to Intervention.verified / rolloutsCorrect / rolloutsTotal. Not a person's edit: no version
 * bump and no audit event, so a reviewer's open form is not made stale by a running job.
 */
export async function refreshKeep(interventionId: string, minCorrect: number, db: Tx = prisma): Promise<KeepState> {
  // one statement: count and write back (the verified flag follows keepState, checked below)
  const [c] = await db.$queryRaw<{ total: number | bigint; correct: number | bigint }[]>`
    UPDATE "Intervention" SET
      "rolloutsTotal" = (SELECT COUNT(*) FROM "Rollout" WHERE "interventionId" = ${interventionId} AND "condition" = 'intervention'),
      "rolloutsCorrect" = (SELECT COUNT(*) FROM "Rollout" WHERE "interventionId" = ${interventionId} AND "condition" = 'intervention' AND "correct" = 1)
    WHERE "id" = ${interventionId}
    RETURNING "rolloutsTotal" AS "total", "rolloutsCorrect" AS "correct"`;
  const state = keepState(Number(c?.correct ?? 0), Number(c?.total ?? 0), minCorrect);
  if (c) {
    const verified = state.verified === null ? null : state.verified ? 1 : 0;
    await db.$executeRaw`UPDATE "Intervention" SET "verified" = ${verified} WHERE "id" = ${interventionId}`;
  }
  return state;
}
