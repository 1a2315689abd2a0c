import Link from "next/link";
import { notFound } from "next/navigation";
import { getDataset } from "@/lib/data/datasets";
import { getAnalysis } from "@/lib/data/analysis";
import { FLIP_LIMIT, getPairComparison, pickPair } from "@/lib/data/compare";
import { comparableModels, getAttemptModels } from "@/lib/data/compare-attempts";
import { ModelTable } from "@/components/analysis/model-table";
import { PassAtKPanel } from "@/components/analysis/pass-at-k-panel";
import { AttemptModels } from "@/components/compare/attempt-models";
import { FlipList } from "@/components/compare/flip-list";
import { PairPicker } from "@/components/compare/pair-picker";
import { PairStats } from "@/components/compare/pair-stats";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ datasetId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ComparePage({ params, searchParams }: Props) {
  const { datasetId } = await params;
  const sp = await searchParams;
  const dataset = await getDataset(datasetId);
  if (!dataset) notFound();
  const [analysis, attempts] = await Promise.all([getAnalysis(datasetId), getAttemptModels(datasetId)]);
  const models = comparableModels(analysis.models, attempts);
  const pair = pickPair(models, one(sp.a), one(sp.b));
  const cmp = pair ? await getPairComparison(datasetId, pair.a, pair.b) : null;
  const base = `/datasets/${datasetId}`;
  return (
    <div className="mx-auto max-w-7xl space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <p className="text-xs text-slate-500">
            <Link className="hover:underline" href={base}>
              {dataset.name}
            </Link>{" "}
            / compare
          </p>
          <h1 className="text-lg font-semibold">Compare models</h1>
        </div>
        <Link className="text-sm text-indigo-700 hover:underline" href={`${base}/analysis`}>
          Analysis →
        </Link>
      </div>
      <ModelTable models={analysis.models} />
      <AttemptModels models={attempts} />
      {!pair || !cmp ? (
        <p className="rounded-lg border border-slate-200 bg-white py-10 text-center text-sm text-slate-500">
          Only {models.length === 1 ? "one model" : "no model"} in this dataset: import attempts of a second model on
          the same problems (a <code>generator</code> per row), or sample them, to compare.
        </p>
      ) : (
        <>
          <PairPicker models={models.map((m) => m.generator)} a={pair.a} b={pair.b} />
          <div className="grid gap-3 xl:grid-cols-2">
            <PairStats a={pair.a} b={pair.b} cmp={cmp} />
            <PassAtKPanel
              title="pass@k on the same problems"
              curves={[
                { generator: pair.a, passAtK: cmp.a.passAtK },
                { generator: pair.b, passAtK: cmp.b.passAtK },
              ]}
              note={`${cmp.common.toLocaleString("en")} problems graded for both models`}
            />
          </div>
          <FlipList base={base} a={pair.a} b={pair.b} flips={cmp.flips} counts={cmp.flipCounts} limit={FLIP_LIMIT} />
        </>
      )}
    </div>
  );
}
