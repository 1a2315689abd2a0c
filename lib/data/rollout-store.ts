import type { Tx } from "@/lib/db";
import { keepState, type KeepState } from "@/lib/core/rollouts/keep";
import { read, stmt, writeTx } from "@/lib/data/stage-db";
import { nowText } from "@/lib/data/sqlite";
import { newId } from "@/lib/data/ids";
import { columns, insertSql, table, type Column, type Row } from "./sql-types";

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

// Names checked against the schema by tsc (./sql-types.ts); statements are built once.
const R = table("Rollout");
const I = table("Intervention");
const STORED_SAMPLES = `SELECT ${R.sample}, ${R.correct} FROM ${R} WHERE ${R.jobItemId} = ?`;

export async function storedSamples(jobItemId: string): Promise<Map<number, boolean>> {
  const rows = await read(() => stmt<Row<"Rollout", "sample" | "correct">>(STORED_SAMPLES).all(jobItemId));
  return new Map(rows.map((r) => [Number(r.sample), !!r.correct]));
}

const COLS: Column<"Rollout">[] = ["id", "problemId", "traceId", "interventionId", "condition", "sample", "jobItemId", "model", "sampling", "text", "verdict", "extracted", "method", "correct", "createdAt"];
const ROW_SQL = `(${COLS.map(() => "?").join(", ")})`;
// one row's INSERT, then more VALUES tuples for a multi-row statement (built per row count, prepared once each)
const INSERT_ONE = insertSql("Rollout", COLS, { orIgnore: true });
const INSERT = (rows: number) => INSERT_ONE + `, ${ROW_SQL}`.repeat(rows - 1);
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
  UPDATE ${I} SET
    ${I.rolloutsTotal} = (SELECT COUNT(*) FROM ${R} WHERE ${R.interventionId} = ? AND ${R.condition} = 'intervention'),
    ${I.rolloutsCorrect} = (SELECT COUNT(*) FROM ${R} WHERE ${R.interventionId} = ? AND ${R.condition} = 'intervention' AND ${R.correct} = 1)
  WHERE ${I.id} = ?
  RETURNING ${I.rolloutsTotal} AS "total", ${I.rolloutsCorrect} AS "correct"`;
const VERIFIED_SQL = `UPDATE ${I} SET ${I.verified} = ? WHERE ${I.id} = ?`;
const ITEM_TEXT = `SELECT ${columns("Intervention", ["location", "content"])} FROM ${I} WHERE ${I.id} = ?`;
const DELETE_ITEM_ROWS = `DELETE FROM ${R} WHERE ${R.jobItemId} = ?`;
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
  const now = stmt<Row<"Intervention", "location" | "content">>(ITEM_TEXT).get(interventionId);
  if (!now || Number(now.location) !== was.location || (keep !== null && now.content !== was.content)) {
    stmt(DELETE_ITEM_ROWS).run(jobItemId);
    return "edited";
  }
  return keep ? keepSync(interventionId, keep.minCorrect) : null;
}
