import type { Tx } from "@/lib/db";
import { table, type Row } from "@/lib/data/sql-types";

// The list columns of one page's traces (at most 50 ids): the trace's own columns with its problem statement, its
// labels newest first, and its interventions counted per status. Hand-written (names typed: ./sql-types.ts) because
// Prisma took 7.1 + 1.9 + 4.5 ms for the three reads of a page at 100,000 traces and these take ~1.5 ms together
// (measured 12-06 on the bench's database): a fifth of a list render's CPU.
const T = table("Trace", "t");
const P = table("Problem", "p");
const L = table("FirstErrorLabel", "l");
const I = table("Intervention", "i");

type N = bigint | number;
export type PageTrace = Row<"Trace", "id" | "externalId" | "generator" | "stepCount" | "humanStep" | "status"> &
  Row<"Problem", "statement">;
export type PageLabel = Row<"FirstErrorLabel", "traceId" | "source" | "step">;
export type PageInterventions = Row<"Intervention", "traceId" | "status"> & { n: number };

export async function pageRows(db: Tx, ids: string[]): Promise<[PageTrace[], PageLabel[], PageInterventions[]]> {
  const inList = ids.map(() => "?").join(", ");
  const [traces, labels, ivs] = await Promise.all([
    db.$queryRawUnsafe<PageTrace[]>(
      `SELECT ${T.id} AS "id", ${T.externalId} AS "externalId", ${T.generator} AS "generator", ${T.stepCount} AS "stepCount",
        ${T.humanStep} AS "humanStep", ${T.status} AS "status", ${P.statement} AS "statement"
        FROM ${T} JOIN ${P} ON ${P.id} = ${T.problemId} WHERE ${T.id} IN (${inList})`,
      ...ids,
    ),
    db.$queryRawUnsafe<PageLabel[]>(
      `SELECT ${L.traceId} AS "traceId", ${L.source} AS "source", ${L.step} AS "step" FROM ${L}
        WHERE ${L.traceId} IN (${inList}) ORDER BY ${L.updatedAt} DESC, ${L.id} DESC`,
      ...ids,
    ),
    db.$queryRawUnsafe<(Row<"Intervention", "traceId" | "status"> & { n: N })[]>(
      `SELECT ${I.traceId} AS "traceId", ${I.status} AS "status", COUNT(*) AS "n" FROM ${I}
        WHERE ${I.traceId} IN (${inList}) GROUP BY ${I.traceId}, ${I.status}`,
      ...ids,
    ),
  ]);
  return [traces.map((r) => ({ ...r, stepCount: Number(r.stepCount), humanStep: r.humanStep === null ? null : Number(r.humanStep) })), labels.map((l) => ({ ...l, step: l.step === null ? null : Number(l.step) })), ivs.map((g) => ({ ...g, n: Number(g.n) }))];
}
