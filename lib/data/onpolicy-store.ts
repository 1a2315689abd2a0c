import { prisma } from "@/lib/db";
import { table } from "./sql-types";

// Reads and writes of the "onpolicy" stage. The score is a model measurement, not a person's
// curation: writing it never touches status, content or version and writes no audit event. It
// is written only if the intervention still has the text that was scored (an edit in between
// clears the score instead: lib/data/interventions.ts).

export type ScoreTarget = {
  id: string; location: number; content: string; text: string; statement: string;
  nllMean: number | null; nllModel: string | null; nllAt: Date | null;
};

// (names checked against the schema by tsc: ./sql-types.ts)
const iv = table("Intervention", "i");
const tr = table("Trace", "t");
const pb = table("Problem", "p");
const I = table("Intervention");
const SCORE_TARGET = `
    SELECT ${iv.id}, ${iv.location}, ${iv.content}, ${tr.text}, ${pb.statement}, ${iv.nllMean}, ${iv.nllModel}, ${iv.nllAt}
    FROM ${iv} JOIN ${tr} ON ${tr.id} = ${iv.traceId} JOIN ${pb} ON ${pb.id} = ${tr.problemId}
    WHERE ${iv.id} = ?`;
const WRITE_SCORE = `
    UPDATE ${I} SET ${I.nllMean} = ?, ${I.nllTokens} = ?, ${I.nllModel} = ?, ${I.nllAt} = ?
    WHERE ${I.id} = ? AND ${I.location} = ? AND ${I.content} = ?`;

export async function scoreTarget(interventionId: string): Promise<ScoreTarget | null> {
  const [row] = await prisma.$queryRawUnsafe<(Omit<ScoreTarget, "nllAt"> & { nllAt: Date | string | number | null })[]>(SCORE_TARGET, interventionId);
  if (!row) return null;
  return {
    ...row, location: Number(row.location), nllMean: row.nllMean === null ? null : Number(row.nllMean),
    nllAt: row.nllAt === null ? null : new Date(row.nllAt),
  };
}

export type Score = { nllMean: number; nllTokens: number; nllModel: string };

/** Returns false when the intervention changed (or went) since it was read: nothing written. */
export async function writeScore(t: Pick<ScoreTarget, "id" | "location" | "content">, s: Score): Promise<boolean> {
  // raw SQL: an ORM update would bump updatedAt, which the review screen and the export read as
  // "last changed by a person"
  const n = await prisma.$executeRawUnsafe(WRITE_SCORE, s.nllMean, s.nllTokens, s.nllModel, new Date(), t.id, t.location, t.content);
  return n === 1;
}

/** End the whole job with `message` (the server cannot do it): pending items are left for a resume. */
export async function failJob(jobId: string, message: string): Promise<void> {
  await prisma.job.updateMany({ where: { id: jobId, status: { in: ["queued", "running"] } }, data: { status: "failed", error: message } });
}
