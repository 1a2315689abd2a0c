import { prisma } from "@/lib/db";
import type { FirstErrorLabel } from "@/lib/generated/prisma/client";
import { Refused, staleMessage, writeAudit } from "./audit";
import { LABEL_FIELDS, labelSnapshot, type WriteResult } from "./labels";
import { recomputeTrace } from "./traces";

// The final (adjudicated) first-error label of a trace: one FirstErrorLabel row with source
// "final" and annotator "" per trace. Only this file writes it. Like a person's label, a write
// names the version it read (null = "I saw no final label") and a stale write is refused, never
// merged; who adjudicated is the audit event's actor ("label.final").

export const FINAL_SOURCE = "final";

export type FinalLabelInput = {
  traceId: string;
  actor: string;
  step: number | null; // 1-based; null = no error
  checkFactual?: boolean | null;
  checkNotRecovered?: boolean | null;
  note?: string;
  /** the rater whose label was taken as is ("human:ada", "model:qwen", ...), for the audit trail */
  from?: string | null;
  expectedVersion: number | null;
};

export async function getFinalLabel(traceId: string): Promise<FirstErrorLabel | null> {
  return prisma.firstErrorLabel.findUnique({ where: { traceId_source_annotator: { traceId, source: FINAL_SOURCE, annotator: "" } } });
}

export async function setFinalLabel(input: FinalLabelInput): Promise<WriteResult<FirstErrorLabel>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const trace = await tx.trace.findUnique({ where: { id: input.traceId }, select: { stepCount: true } });
      if (!trace) throw new Refused("Trace not found; it may have been deleted");
      if (input.step !== null && (!Number.isInteger(input.step) || input.step < 1 || input.step > trace.stepCount)) {
        throw new Refused(`Step ${input.step} is outside 1..${trace.stepCount}`);
      }
      const key = { traceId_source_annotator: { traceId: input.traceId, source: FINAL_SOURCE, annotator: "" } };
      const current = await tx.firstErrorLabel.findUnique({ where: key });
      const data = {
        step: input.step,
        checkFactual: input.step === null ? null : (input.checkFactual ?? null),
        checkNotRecovered: input.step === null ? null : (input.checkNotRecovered ?? null),
        note: input.note ?? current?.note ?? "",
      };
      let row: FirstErrorLabel;
      if (!current) {
        if (input.expectedVersion !== null) throw new Refused("The final label was removed since you loaded it (undone); reload to see it");
        row = await tx.firstErrorLabel.create({ data: { ...data, traceId: input.traceId, source: FINAL_SOURCE, annotator: "" } });
      } else {
        if (input.expectedVersion !== current.version) {
          throw new Refused(await staleMessage("FirstErrorLabel", current.id, "The final label", LABEL_FIELDS, tx));
        }
        const n = await tx.firstErrorLabel.updateMany({ where: { id: current.id, version: current.version }, data: { ...data, version: { increment: 1 } } });
        if (n.count !== 1) throw new Refused(await staleMessage("FirstErrorLabel", current.id, "The final label", LABEL_FIELDS, tx));
        row = await tx.firstErrorLabel.findUniqueOrThrow({ where: { id: current.id } });
      }
      await writeAudit(tx, {
        actor: input.actor, action: "label.final", entity: "FirstErrorLabel", entityId: row.id, traceId: input.traceId,
        before: current ? labelSnapshot(current) : null, after: { ...labelSnapshot(row), from: input.from ?? null },
      });
      const t = await recomputeTrace(tx, input.traceId);
      return { ok: true as const, value: row, trace: t };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}
