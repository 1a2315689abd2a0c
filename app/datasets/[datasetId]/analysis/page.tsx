import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { getDataset } from "@/lib/data/datasets";
import { getAnalysis, STEP_BINS } from "@/lib/data/analysis";
import { AgreementPanel } from "@/components/analysis/agreement-panel";
import { TeamAgreementSection } from "@/components/analysis/team-agreement-section";
import { FirstErrorPlots } from "@/components/analysis/first-error-plots";
import { LengthPlot } from "@/components/analysis/length-plot";
import { ModelTable } from "@/components/analysis/model-table";
import { PassAtKPanel } from "@/components/analysis/pass-at-k-panel";
import { RolloutPanel } from "@/components/analysis/rollout-panel";
import { OnpolicyPanel } from "@/components/analysis/onpolicy-panel";
import { Skeleton } from "@/components/ui/skeleton";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ datasetId: string }> };

export default async function AnalysisPage({ params }: Props) {
  const { datasetId } = await params;
  const dataset = await getDataset(datasetId);
  if (!dataset) notFound();
  const a = await getAnalysis(datasetId);
  return (
    <div className="mx-auto max-w-7xl space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <p className="text-xs text-slate-500">
            <Link className="hover:underline" href={`/datasets/${datasetId}`}>
              {dataset.name}
            </Link>{" "}
            / analysis
          </p>
          <h1 className="text-lg font-semibold">Analysis</h1>
          <p className="text-xs text-slate-500">
            {a.traces.toLocaleString("en")} traces · computed in the database at {a.computedAt.slice(11, 19)} UTC
            (recomputed when the data changes)
          </p>
        </div>
        <Link className="text-sm text-indigo-700 hover:underline" href={`/datasets/${datasetId}/compare`}>
          Compare models →
        </Link>
      </div>
      {a.traces === 0 && a.models.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white py-10 text-center text-sm text-slate-500">
          No traces in this dataset yet: import a JSONL file with attempts.
        </p>
      ) : (
        <>
          <ModelTable models={a.models} />
          <div className="grid gap-3 xl:grid-cols-2">
            <FirstErrorPlots hist={a.firstErrors} stepBins={STEP_BINS} />
            <LengthPlot lengths={a.lengths} />
            <AgreementPanel a={a.agreement} />
            <RolloutPanel rollouts={a.rollouts} verified={a.verified} />
            <PassAtKPanel curves={a.models} />
          </div>
          <Suspense fallback={<Skeleton className="h-40 w-full" />}>
            <TeamAgreementSection datasetId={datasetId} name={dataset.name.replace(/[^A-Za-z0-9._-]+/g, "_")} />
          </Suspense>
          <Suspense fallback={<Skeleton className="h-40 w-full" />}>
            <OnpolicyPanel datasetId={datasetId} />
          </Suspense>
        </>
      )}
    </div>
  );
}
