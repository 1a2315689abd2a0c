import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { traceFilterWhere } from "@/lib/data/traces";
import type { ProposeParams } from "./params";

/** Trace ids a propose run covers: explicit ids, else the dataset under the list filters; id order. */
export async function selectTraces(p: ProposeParams, datasetId: string | null): Promise<string[]> {
  const parts: Prisma.TraceWhereInput[] = [];
  if (datasetId) parts.push(p.filter ? traceFilterWhere(datasetId, p.filter) : { datasetId });
  if (p.traceIds) parts.push({ id: { in: p.traceIds } });
  if (parts.length === 0) return [];
  if (p.skipDone) parts.push({ proposals: { none: { model: p.model, parseOk: true } } });
  const rows = await prisma.trace.findMany({ where: { AND: parts }, select: { id: true }, orderBy: { id: "asc" }, take: p.limit });
  return rows.map((r) => r.id);
}
