import { prisma, type Tx } from "@/lib/db";
import { splitSteps } from "@/lib/core/steps";
import { FINAL_SOURCE } from "./final-label";

// What an adjudicator sees: the trace's steps and every label on it (each person, each model,
// the imported one, and the final label when set), with checks, flags and note.

export type AdjudicationLabel = {
  source: string; annotator: string; step: number | null;
  checkFactual: boolean | null; checkNotRecovered: boolean | null; note: string;
  badProblem: boolean; badReference: boolean; unsure: boolean; updatedAt: string;
};
export type Adjudication = {
  traceId: string; datasetId: string; steps: string[];
  labels: AdjudicationLabel[]; // people first, then models, then imported
  final: (AdjudicationLabel & { version: number }) | null;
};

const ORDER = ["human", "model", "imported"];

export async function getAdjudication(traceId: string, db: Tx = prisma): Promise<Adjudication | null> {
  const t = await db.trace.findUnique({
    where: { id: traceId },
    select: {
      id: true, datasetId: true, text: true,
      labels: { select: { source: true, annotator: true, step: true, checkFactual: true, checkNotRecovered: true, note: true, badProblem: true, badReference: true, unsure: true, updatedAt: true, version: true } },
    },
  });
  if (!t) return null;
  const view = ({ version: _v, updatedAt, ...l }: (typeof t.labels)[number]): AdjudicationLabel => ({ ...l, updatedAt: updatedAt.toISOString() });
  const final = t.labels.find((l) => l.source === FINAL_SOURCE);
  return {
    traceId: t.id, datasetId: t.datasetId, steps: splitSteps(t.text),
    labels: t.labels.filter((l) => l.source !== FINAL_SOURCE)
      .sort((a, b) => ORDER.indexOf(a.source) - ORDER.indexOf(b.source) || a.annotator.localeCompare(b.annotator))
      .map(view),
    final: final ? { ...view(final), version: final.version } : null,
  };
}

/** The few fields the adjudicate page's heading needs. */
export async function getAdjudicationHeading(traceId: string, db: Tx = prisma) {
  return db.trace.findUnique({ where: { id: traceId }, select: { datasetId: true, externalId: true, dataset: { select: { name: true } } } });
}
