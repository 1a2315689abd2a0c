import { prisma } from "@/lib/db";

// Reads and writes of the "onpolicy" stage. The score is a model measurement, not a person's
// curation: writing it never touches status, content or version and writes no audit event. It
// is written only if the intervention still has the text that was scored (an edit in between
// clears the score instead: lib/data/interventions.ts).

export type ScoreTarget = {
  id: string; location: number; content: string; text: string; statement: string;
  nllMean: number | null; nllModel: string | null; nllAt: Date | null;
};

export async function scoreTarget(interventionId: string): Promise<ScoreTarget | null> {
  const [row] = await prisma.$queryRaw<(Omit<ScoreTarget, "nllAt"> & { nllAt: Date | string | number | null })[]>`
    SELECT i."id", i."location", i."content", t."text", p."statement", i."nllMean", i."nllModel", i."nllAt"
    FROM "Intervention" i JOIN "Trace" t ON t."id" = i."traceId" JOIN "Problem" p ON p."id" = t."problemId"
    WHERE i."id" = ${interventionId}`;
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
  const n = await prisma.$executeRaw`
    UPDATE "Intervention" SET "nllMean" = ${s.nllMean}, "nllTokens" = ${s.nllTokens}, "nllModel" = ${s.nllModel}, "nllAt" = ${new Date()}
    WHERE "id" = ${t.id} AND "location" = ${t.location} AND "content" = ${t.content}`;
  return n === 1;
}

/** End the whole job with `message` (the server cannot do it): pending items are left for a resume. */
export async function failJob(jobId: string, message: string): Promise<void> {
  await prisma.job.updateMany({ where: { id: jobId, status: { in: ["queued", "running"] } }, data: { status: "failed", error: message } });
}
