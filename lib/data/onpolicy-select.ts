import { prisma } from "@/lib/db";
import type { PlannedItem } from "@/lib/jobs/types";
import type { OnpolicyParams } from "@/lib/onpolicy/params";

// Items of an "onpolicy" job: one per intervention (not rejected), keyed by its id. In
// "unscored" mode interventions this model has already scored are left out.

export async function planOnpolicy(p: OnpolicyParams, datasetId: string | null): Promise<PlannedItem[]> {
  if (!datasetId && !p.interventionIds) return [];
  const rows = await prisma.intervention.findMany({
    where: {
      ...(p.interventionIds ? { id: { in: p.interventionIds } } : { status: { not: "rejected" } }),
      ...(datasetId ? { trace: { datasetId } } : {}),
      ...(p.scope === "unscored" ? { OR: [{ nllMean: null }, { nllModel: { not: p.model } }, { nllModel: null }] } : {}),
    },
    select: { id: true },
    orderBy: { id: "asc" },
    take: p.limit,
  });
  return rows.map((r) => ({ key: `iv:${r.id}`, payload: { interventionId: r.id } }));
}
