import { prisma } from "@/lib/db";
import { parseIntervention } from "@/lib/core/parse-intervention";
import { applyParsed, parsedFields } from "./proposal-store";
import { PENDING_REASON } from "@/lib/core/propose/outcome";

// Re-apply the (fixed) parser to stored raw outputs. A proposal that now parses gets its model
// label and proposed intervention (idempotently); one that no longer parses keeps whatever a
// person already did with its intervention.

export type ReparseSummary = { total: number; changed: number; nowOk: number; nowFailed: number; interventionsCreated: number };

export async function reparseProposals(where: { datasetId?: string; traceId?: string } = {}): Promise<ReparseSummary> {
  const sum: ReparseSummary = { total: 0, changed: 0, nowOk: 0, nowFailed: 0, interventionsCreated: 0 };
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.proposal.findMany({
      where: {
        OR: [{ parseReason: null }, { parseReason: { not: PENDING_REASON } }],
        ...(where.traceId ? { traceId: where.traceId } : {}), ...(where.datasetId ? { trace: { datasetId: where.datasetId } } : {}) },
      include: { trace: { select: { stepCount: true, problem: { select: { answer: true } } } } },
      orderBy: { id: "asc" },
      take: 200,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (batch.length === 0) break;
    cursor = batch[batch.length - 1].id;
    for (const p of batch) {
      sum.total++;
      const f = parsedFields(parseIntervention(p.turn2Raw, { stepCount: p.trace.stepCount, answer: p.trace.problem.answer }));
      const same = f.parseOk === p.parseOk && f.parseReason === p.parseReason && f.location === p.location && f.content === p.content;
      if (same) continue;
      sum.changed++;
      if (f.parseOk && !p.parseOk) sum.nowOk++;
      if (!f.parseOk && p.parseOk) sum.nowFailed++;
      await prisma.$transaction(async (tx) => {
        const updated = await tx.proposal.update({ where: { id: p.id }, data: f });
        const applied = await applyParsed(tx, updated);
        if (applied.interventionCreated) sum.interventionsCreated++;
      });
    }
  }
  return sum;
}
