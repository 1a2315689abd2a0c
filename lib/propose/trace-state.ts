import { prisma, type Tx } from "@/lib/db";
import { listProposals, type ProposalView } from "./queries";

// What the review screen polls while the model works on a trace: its finished proposals, the
// model first-error labels, and the newest propose job still touching the trace (if any).

export type TraceProposalState = {
  proposals: ProposalView[];
  modelLabels: { annotator: string; step: number | null }[];
  activeJobId: string | null;
};

export async function traceProposalState(traceId: string, db: Tx = prisma): Promise<TraceProposalState> {
  const [proposals, labels, item] = await Promise.all([
    listProposals(traceId, db),
    db.firstErrorLabel.findMany({ where: { traceId, source: "model" }, orderBy: { updatedAt: "desc" }, select: { annotator: true, step: true } }),
    db.jobItem.findFirst({
      where: { key: { startsWith: `${traceId}:` }, job: { kind: "propose", status: { in: ["queued", "running", "paused"] } } },
      orderBy: { updatedAt: "desc" },
      select: { jobId: true },
    }),
  ]);
  return { proposals, modelLabels: labels, activeJobId: item?.jobId ?? null };
}
