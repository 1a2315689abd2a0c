import { prisma } from "@/lib/db";
import type { FirstErrorLabel } from "@/lib/generated/prisma/client";
import { writeLabelRow, type WriteResult } from "./labels";

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
  return writeLabelRow({
    traceId: input.traceId,
    source: FINAL_SOURCE,
    annotator: "",
    actor: input.actor,
    action: "label.final",
    who: "The final label",
    step: input.step,
    expectedVersion: input.expectedVersion,
    fields: input,
    auditExtra: { from: input.from ?? null },
  });
}
