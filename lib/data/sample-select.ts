import { prisma } from "@/lib/db";
import type { PlannedItem } from "@/lib/jobs/types";
import type { SampleParams } from "@/lib/rollouts/params";

// Items of a sample job (lib/rollouts/sample-handler.ts) or attempts batch: one per problem, in id order.
export async function planSamples(p: SampleParams, datasetId: string | null): Promise<PlannedItem[]> {
  if (!datasetId && !p.problemIds) return [];
  const rows = await prisma.problem.findMany({
    where: {
      ...(datasetId ? { datasetId } : {}),
      ...(p.problemIds ? { id: { in: p.problemIds } } : {}),
      ...(p.withoutTraces ? { traces: { none: {} } } : {}),
    },
    select: { id: true },
    orderBy: { id: "asc" },
    take: p.limit,
  });
  return rows.map((r) => ({ key: `attempt:${r.id}`, payload: { problemId: r.id } }));
}
