import { prisma } from "@/lib/db";
import type { PlannedItem } from "@/lib/jobs/types";
import type { RolloutParams } from "@/lib/rollouts/params";

// Items of a rollouts job: one per (condition, intervention), K samples each. On a dataset run
// the "problem" condition does not depend on the intervention, so it gets one item per problem
// (of the selected interventions) instead of K identical samples per intervention.

export async function planRollouts(p: RolloutParams, datasetId: string | null): Promise<PlannedItem[]> {
  if (!datasetId && !p.interventionIds) return [];
  const rows = await prisma.intervention.findMany({
    where: {
      ...(p.interventionIds ? { id: { in: p.interventionIds } } : { status: { in: p.statuses } }),
      ...(datasetId ? { trace: { datasetId } } : {}),
    },
    select: { id: true, trace: { select: { problemId: true } } },
    orderBy: { id: "asc" },
    take: p.limit,
  });
  const items: PlannedItem[] = [];
  const perProblem = !p.interventionIds;
  for (const condition of p.conditions) {
    if (condition === "problem" && perProblem) {
      const problems = [...new Set(rows.map((r) => r.trace.problemId))].sort();
      for (const problemId of problems) items.push({ key: `problem:${problemId}`, payload: { condition, problemId } });
      continue;
    }
    for (const r of rows) items.push({ key: `${condition}:${r.id}`, payload: { condition, interventionId: r.id } });
  }
  return items;
}
