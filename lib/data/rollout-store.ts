import type { Tx } from "@/lib/db";
import { keepState, type KeepState } from "@/lib/core/rollouts/keep";
import { read, stmt, writeTx } from "@/lib/data/stage-db";
import { nowText } from "@/lib/data/sqlite";
import { newId } from "@/lib/data/ids";

// Writes of the rollouts and sample stages. A Rollout row is keyed by (jobItemId, sample): an
// item run again after a crash or a retry upserts the same rows, so a job never stores a
// sample twice, and samples already stored are not asked of the model again. The first stored
// sample wins (INSERT OR IGNORE), so a late write from a process presumed dead changes nothing.
// These run once or twice per job item, so by default they go through the stage connection
// (lib/data/stage-db.ts: prepared statements, no ORM); given a Prisma client or transaction
// (`db`), the same SQL runs there instead.

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
  const rows = await read(() => stmt<{ sample: number; correct: number }>(`SELECT "sample", "correct" FROM "Rollout" WHERE "jobItemId" = ?`).all(jobItemId));
  return new Map(rows.map((r) => [Number(r.sample), !!r.correct]));
}

const COLS = ["id", "problemId", "traceId", "interventionId", "condition", "sample", "jobItemId", "model", "sampling", "text", "verdict", "extracted", "method", "correct", "createdAt"];
const ROW_SQL = `(${COLS.map(() => "?").join(", ")})`;
const INSERT = (rows: number) => `INSERT OR IGNORE INTO "Rollout" (${COLS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(rows).fill(ROW_SQL).join(", ")}`;
const CHUNK = 60; // 15 columns x 60 rows stays under SQLite's variable limit

const values = (r: RolloutRow, now: string) => [
  // time-ordered ids: a random one dirtied a different primary-key page per row, so each
  // commit of 32 rows wrote ~32 index pages (measured: half the CPU of a commit was syscalls)
  newId(), r.problemId, r.traceId, r.interventionId, r.condition, r.sample, r.jobItemId, r.model,
  JSON.stringify(r.sampling), r.text, r.verdict, r.extracted, r.method, r.correct ? 1 : 0, now,
];

/** INSERT OR IGNORE on (jobItemId, sample), in multi-row statements, all rows in one transaction. */
export async function upsertRollouts(rows: RolloutRow[], db?: Tx): Promise<void> {
  if (rows.length === 0) return;
  if (db) {
    const now = nowText();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      await db.$executeRawUnsafe(INSERT(part.length), ...part.flatMap((r) => values(r, now)));
    }
    return;
  }
  await writeTx(() => insertRolloutsSync(rows));
}

/** The same inserts on the stage connection, inside a writeTx the caller runs (so more can share its commit). */
export function insertRolloutsSync(rows: RolloutRow[]): void {
  const now = nowText();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    stmt(INSERT(part.length)).run(...part.flatMap((r) => values(r, now)));
  }
}

// one statement: count and write back (the verified flag follows keepState, set just after)
const COUNT_SQL = `
  UPDATE "Intervention" SET
    "rolloutsTotal" = (SELECT COUNT(*) FROM "Rollout" WHERE "interventionId" = ? AND "condition" = 'intervention'),
    "rolloutsCorrect" = (SELECT COUNT(*) FROM "Rollout" WHERE "interventionId" = ? AND "condition" = 'intervention' AND "correct" = 1)
  WHERE "id" = ?
  RETURNING "rolloutsTotal" AS "total", "rolloutsCorrect" AS "correct"`;
const VERIFIED_SQL = `UPDATE "Intervention" SET "verified" = ? WHERE "id" = ?`;
type Counts = { total: number | bigint; correct: number | bigint };

/**
 * The keep filter (method.md §6) over every "intervention" rollout of an intervention, written
 * to Intervention.verified / rolloutsCorrect / rolloutsTotal. Not a person's edit: no version
 * bump and no audit event, so a reviewer's open form is not made stale by a running job.
 */
export async function refreshKeep(interventionId: string, minCorrect: number, db?: Tx): Promise<KeepState> {
  const verifiedOf = (c: Counts | undefined) => {
    const state = keepState(Number(c?.correct ?? 0), Number(c?.total ?? 0), minCorrect);
    return { state, flag: state.verified === null ? null : state.verified ? 1 : 0 };
  };
  if (db) {
    const [c] = await db.$queryRawUnsafe<Counts[]>(COUNT_SQL, interventionId, interventionId, interventionId);
    const { state, flag } = verifiedOf(c);
    if (c) await db.$executeRawUnsafe(VERIFIED_SQL, flag, interventionId);
    return state;
  }
  return writeTx(() => keepSync(interventionId, minCorrect));
}

function keepSync(interventionId: string, minCorrect: number): KeepState {
  const c = stmt<Counts>(COUNT_SQL).get(interventionId, interventionId, interventionId);
  const state = keepState(Number(c?.correct ?? 0), Number(c?.total ?? 0), minCorrect);
  if (c) stmt(VERIFIED_SQL).run(state.verified === null ? null : state.verified ? 1 : 0, interventionId);
  return state;
}

/**
 * The end of an intervention item, in one transaction: if what its samples continued changed
 * meanwhile (the location, for every condition; the content too for "intervention", as in
 * stale-rollouts.ts) or the intervention is gone, this item's rows are deleted and "edited" is
 * returned; else, for the "intervention" condition, the keep filter is refreshed. Synchronous: it
 * runs inside the writeTx of the item's last rows (run-samples.ts).
 */
export function finishInterventionItemSync(
  interventionId: string, jobItemId: string, was: { location: number; content: string }, keep: { minCorrect: number } | null,
): "edited" | KeepState | null {
  const now = stmt<{ location: number; content: string }>(`SELECT "location", "content" FROM "Intervention" WHERE "id" = ?`).get(interventionId);
  if (!now || Number(now.location) !== was.location || (keep !== null && now.content !== was.content)) {
    stmt(`DELETE FROM "Rollout" WHERE "jobItemId" = ?`).run(jobItemId);
    return "edited";
  }
  return keep ? keepSync(interventionId, keep.minCorrect) : null;
}
