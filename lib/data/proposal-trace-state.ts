import { prisma, type Tx } from "@/lib/db";
import { listProposals, type ProposalView } from "./proposal-queries";

// What the review screen polls while the model works on a trace: its finished proposals, the
// model first-error labels, and the newest propose job still touching the trace (if any).

// `run`: the propose job a proposal came from (its job item's job), else its job item id (a batch
// import names its own): the model panel sums up the newest run (lib/core/proposals/outcome.ts).
export type TraceProposalState = {
  proposals: (ProposalView & { run: string | null })[];
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
  const itemIds = [...new Set(proposals.map((p) => p.jobItemId).filter((id): id is string => id !== null))];
  const items = itemIds.length ? await db.jobItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, jobId: true } }) : [];
  const jobOf = new Map(items.map((i) => [i.id, i.jobId]));
  const withRun = proposals.map((p) => ({ ...p, run: p.jobItemId === null ? null : (jobOf.get(p.jobItemId) ?? p.jobItemId) }));
  return { proposals: withRun, modelLabels: labels, activeJobId: item?.jobId ?? null };
}
