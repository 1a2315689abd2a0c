import { prisma, type Tx } from "@/lib/db";
import { cachedByFingerprint } from "./analysis";
import { ATTEMPT, ATTEMPT_MODELS } from "./attempts-sql";

// Sampled attempts (Rollout rows of condition "attempt") in the comparison: the models that
// have them (a model that solved every problem has no trace, only attempts), and per problem
// the attempts of each model, the correct ones viewable like a trace.

export type AttemptModel = { model: string; attempts: number; correct: number; problems: number };

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Models with sampled attempts in the dataset, cached until the data changes. */
export async function getAttemptModels(datasetId: string, db: Tx = prisma): Promise<AttemptModel[]> {
  return cachedByFingerprint(`compare:${datasetId}:attempt-models`, datasetId, async () => {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(ATTEMPT_MODELS, datasetId);
    return rows.map((r) => ({ model: String(r.model), attempts: num(r.attempts), correct: num(r.correct), problems: num(r.problems) }));
  }, db);
}

/** The models offered for comparison: those with traces (in their order), then those with attempts only. */
export function comparableModels(traceModels: { generator: string }[], attemptModels: { model: string }[]): { generator: string }[] {
  const names = traceModels.map((m) => m.generator);
  for (const m of attemptModels) if (!names.includes(m.model)) names.push(m.model);
  return names.map((generator) => ({ generator }));
}

export type SideAttempt = { id: string; externalId: null; correct: boolean; stepCount: number; kind: "attempt"; sample: number };
export type AttemptCounts = { n: number; c: number };

/** Per model: how many attempts were sampled on this problem, how many correct, and the correct ones. */
export async function problemAttempts(problemId: string, a: string, b: string, db: Tx = prisma) {
  const rows = await db.rollout.findMany({
    where: { problemId, condition: ATTEMPT, model: { in: [a, b] } },
    orderBy: [{ createdAt: "asc" }, { sample: "asc" }, { id: "asc" }],
    select: { id: true, model: true, correct: true, sample: true },
  });
  const of = (m: string) => {
    const mine = rows.filter((r) => r.model === m);
    const correct: SideAttempt[] = mine.filter((r) => r.correct).map((r) => ({ id: r.id, externalId: null, correct: true, stepCount: 0, kind: "attempt", sample: r.sample }));
    return { counts: { n: mine.length, c: correct.length } as AttemptCounts, correct };
  };
  return { a: of(a), b: of(b) };
}

/** One attempt rollout shaped like getTraceWithError's result (no labels: it is not a trace). */
export async function getAttemptWithText(rolloutId: string, problemId: string, db: Tx = prisma) {
  const r = await db.rollout.findFirst({ where: { id: rolloutId, problemId, condition: ATTEMPT }, select: { id: true, text: true, correct: true, model: true } });
  if (!r) return null;
  return { id: r.id, text: r.text, correct: r.correct as boolean | null, generator: r.model, errorStep: null as number | null, errorSource: null as string | null };
}
