import { prisma } from "@/lib/db";
import { CONDITIONS, ROLLOUT_ROW_CONDITIONS, conditionStart, type Condition } from "@/lib/core/rollouts/conditions";
import { summariseCounts, type ConditionSummary } from "@/lib/core/rollouts/summary";
import { progress } from "@/lib/data/job-store";
import type { JobProgress } from "@/lib/jobs/types";
import { rolloutsStale, staleMark, type StaleMark } from "./stale-rollouts";

// Reads of rollouts: an intervention's rollouts (the review panel polls them) and a dataset's
// Table-1 summary per condition with pass@k.

export type RolloutView = {
  id: string; condition: string; sample: number; text: string; verdict: string; extracted: string | null;
  method: string | null; correct: boolean; model: string; createdAt: string;
};
export type InterventionRollouts = {
  /** stale: an edit changed the text its rollouts continued (they were dropped); null otherwise */
  intervention: { id: string; verified: boolean | null; rolloutsCorrect: number; rolloutsTotal: number; stale: StaleMark | null };
  /** the byte-exact text each condition continues (rendered before each continuation) */
  starts: Partial<Record<Condition, string>>;
  rollouts: RolloutView[];
  /** the latest rollouts job that covers this intervention, with its samples stored so far */
  job: (JobProgress & { samplesStored: number; samplesExpected: number }) | null;
};

export async function interventionRollouts(interventionId: string): Promise<InterventionRollouts | null> {
  const iv = await prisma.intervention.findUnique({
    where: { id: interventionId },
    select: { id: true, verified: true, rolloutsCorrect: true, rolloutsTotal: true, provenance: true, location: true, content: true, trace: { select: { text: true, problem: { select: { statement: true } } } } },
  });
  if (!iv) return null;
  const [rows, item] = await Promise.all([
    prisma.rollout.findMany({
      where: { interventionId },
      orderBy: [{ condition: "asc" }, { createdAt: "asc" }, { sample: "asc" }],
      select: { id: true, condition: true, sample: true, text: true, verdict: true, extracted: true, method: true, correct: true, model: true, createdAt: true },
    }),
    prisma.jobItem.findFirst({
      where: { job: { kind: "rollouts" }, payload: { contains: `"interventionId":"${interventionId}"` } },
      orderBy: { job: { createdAt: "desc" } },
      select: { jobId: true, job: { select: { params: true } } },
    }),
  ]);
  const source = { problem: iv.trace.problem.statement, attempt: iv.trace.text, location: iv.location, content: iv.content };
  const starts: Partial<Record<Condition, string>> = {};
  for (const c of CONDITIONS) {
    try {
      starts[c] = conditionStart(c, source);
    } catch { /* location outside the attempt: no start to show */ }
  }
  return {
    intervention: { id: iv.id, verified: iv.verified, rolloutsCorrect: iv.rolloutsCorrect, rolloutsTotal: iv.rolloutsTotal, stale: rolloutsStale(staleMark(iv.provenance), rows) },
    starts,
    rollouts: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    job: item ? await jobOf(item.jobId, item.job.params, interventionId) : null,
  };
}

async function jobOf(jobId: string, params: string, interventionId: string) {
  const p = await progress(jobId);
  if (!p) return null;
  const items = await prisma.jobItem.findMany({ where: { jobId, payload: { contains: `"interventionId":"${interventionId}"` } }, select: { id: true } });
  const samplesStored = await prisma.rollout.count({ where: { jobItemId: { in: items.map((i) => i.id) } } });
  const k = Number((JSON.parse(params) as { k?: unknown }).k) || 0;
  return { ...p, samplesStored, samplesExpected: k * items.length };
}

/** Table 1 of the paper for a dataset: accuracy and coverage per condition, pass@k per problem. */
export async function datasetRolloutSummary(datasetId: string, opts: { model?: string } = {}): Promise<ConditionSummary[]> {
  const groups = await prisma.rollout.groupBy({
    by: ["problemId", "condition", "correct"],
    where: { problem: { datasetId }, ...(opts.model ? { model: opts.model } : {}) },
    _count: { _all: true },
  });
  const rows = groups.map((g) => ({ problemId: g.problemId, condition: g.condition, n: g._count._all, c: g.correct ? g._count._all : 0 }));
  return summariseCounts(rows, ROLLOUT_ROW_CONDITIONS);
}
