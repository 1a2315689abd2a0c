import { prisma, type Tx } from "@/lib/db";
import { agreementReport, type AgreementReport, type LabelRow } from "@/lib/core/agreement/report";
import { TEAM_LABELS } from "./analysis-sql";
import { cachedByFingerprint } from "./analysis";

// Agreement between annotators (Analysis, issue 13 §3): every label of the traces a person
// labelled, reduced by the pure report (lib/core/agreement/report.ts). Cached apart from the other
// aggregates and streamed into the page behind its own Suspense boundary: with thousands of
// multiply-labelled traces it reads tens of thousands of label rows (bench/agreement.ts), which
// must not hold up the rest of the page.

export async function computeTeamAgreement(datasetId: string, db: Tx = prisma): Promise<AgreementReport> {
  const [row] = await db.$queryRawUnsafe<{ labels: string }[]>(TEAM_LABELS, datasetId);
  return agreementReport(teamLabelRows(row?.labels ?? "[]"));
}

/** TEAM_LABELS' JSON array back into label rows. */
export function teamLabelRows(json: string): LabelRow[] {
  return (JSON.parse(json) as [string, string, string, number | null][]).map(([traceId, source, annotator, step]) => ({ traceId, source, annotator, step }));
}

export async function getTeamAgreement(datasetId: string, db: Tx = prisma): Promise<AgreementReport> {
  return cachedByFingerprint(`agreement:${datasetId}`, datasetId, () => computeTeamAgreement(datasetId, db), db);
}
