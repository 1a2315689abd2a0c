import Link from "next/link";
import { notFound } from "next/navigation";
import { getInterventionPlace } from "@/lib/data/interventions";
import { withheldForTrace } from "@/lib/data/blind-labels";
import { blindNotice } from "@/lib/core/queues/blind";
import { currentActor } from "@/lib/auth/actor";
import { datasetRolloutSummary } from "@/lib/data/rollouts";
import { MathMarkdown } from "@/components/math/math-markdown";
import { RolloutsPanel } from "@/components/rollouts/rollouts-panel";
import { RolloutSummaryTable } from "@/components/rollouts/rollout-summary-table";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ interventionId: string }> };

// One intervention with its rollouts (method.md §6) and its dataset's Table-1 summary.
export default async function InterventionPage({ params }: Props) {
  const { interventionId } = await params;
  const iv = await getInterventionPlace(interventionId);
  if (!iv) notFound();
  // its step is a first-error label: withheld while a blind label queue still needs this reader's label on the trace
  const withheld = await withheldForTrace(await currentActor(), iv.trace.id);
  if (withheld.length > 0)
    return (
      <p
        role="note"
        className="mx-auto max-w-4xl rounded border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
      >
        {blindNotice(withheld)}.
      </p>
    );
  const summary = await datasetRolloutSummary(iv.trace.datasetId);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <nav className="text-xs text-slate-500">
        <Link className="hover:underline" href={`/datasets/${iv.trace.datasetId}`}>
          {iv.trace.dataset.name}
        </Link>
        {" / "}
        <Link className="hover:underline" href={`/datasets/${iv.trace.datasetId}/traces/${iv.trace.id}`}>
          trace
        </Link>
      </nav>
      <h1 className="text-lg font-semibold">
        Intervention at step {iv.location} <span className="text-sm font-normal text-slate-500">({iv.status})</span>
      </h1>
      <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <MathMarkdown text={iv.content} />
      </div>
      <RolloutsPanel interventionId={iv.id} />
      <section className="rounded-lg border border-slate-200 bg-white p-3">
        <h2 className="mb-2 text-sm font-medium text-slate-800">Dataset rollouts (paper Table 1)</h2>
        <RolloutSummaryTable rows={summary} />
      </section>
    </div>
  );
}
