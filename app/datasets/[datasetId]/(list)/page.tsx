import Link from "next/link";
import { countText } from "@/lib/core/count-text";
import { notFound } from "next/navigation";
import { parseTraceFilter, traceFilterToSearch } from "@/lib/core/filters";
import { getDataset } from "@/lib/data/datasets";
import { countByStatus, listGenerators, listTraces } from "@/lib/data/trace-list";
import { startTextIndexing } from "@/lib/data/text-search";
import { CurationBar } from "@/components/datasets/curation-bar";
import { ExportPanel } from "@/components/export/export-panel";
import { exportFormatChoices } from "@/lib/core/export/formats";
import { ProposeDatasetBar } from "@/components/proposals/propose-dataset-bar";
import { modelStatus } from "@/lib/model/settings";
import { firstErrorAgreement } from "@/lib/data/proposal-queries";
import { Pager, pageHref } from "@/components/traces/pager";
import { StatusTabs } from "@/components/traces/status-tabs";
import { TraceFilterBar } from "@/components/traces/trace-filter-bar";
import { SelectableTraceList } from "@/components/traces/selectable-trace-list";
import { DatasetJobsBar } from "@/components/rollouts/dataset-jobs-bar";
import { DatasetMenu } from "@/components/datasets/dataset-menu";
import { DatasetToolbar } from "@/components/datasets/dataset-toolbar";
import { currentActor } from "@/lib/auth/actor";
import { blindRows, withheldLabels } from "@/lib/data/blind-labels";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ datasetId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function DatasetPage({ params, searchParams }: Props) {
  const { datasetId } = await params;
  const sp = await searchParams;
  const dataset = await getDataset(datasetId);
  if (!dataset) notFound();

  void startTextIndexing(); // rows an import or an edit queued for text search: indexed in the background
  const filter = parseTraceFilter(sp);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const cursor = one(sp.cursor) || undefined;
  const dir = one(sp.dir) === "prev" ? "prev" : "next";
  // the list's counts ignore its own status: with no other filter they are the dataset's (one walk fewer)
  const { status: _status, ...narrowing } = filter;
  const unfiltered = Object.keys(narrowing).length === 0;
  const listP = listTraces(datasetId, filter, { cursor, dir });
  const [list, counted, generators, model, agreement, trained, withheld] = await Promise.all([
    listP,
    unfiltered ? null : countByStatus(datasetId, {}),
    listGenerators(datasetId),
    modelStatus(),
    firstErrorAgreement({ datasetId }),
    modelStatus(undefined, "trained"),
    // blind label queues: which of this page's rows keep their labels from this reader (lib/core/queues/blind.ts)
    Promise.all([listP, currentActor()]).then(([l, who]) =>
      withheldLabels(
        who,
        datasetId,
        l.rows.map((r) => r.id),
      ),
    ),
  ]);
  const shown = blindRows(list.rows, withheld, filter);
  const overall = counted ?? list.statusCounts;
  const total = overall.todo + overall.labelled + overall.curated;
  const base = `/datasets/${datasetId}`;
  const search = traceFilterToSearch(filter);
  const from = list.rows[0]?.position ?? 0;
  // a text search counts up to a cap: the total is then "at least"
  const atLeast = filter.status ? list.countsCapped[filter.status] : Object.values(list.countsCapped).some(Boolean);
  // the same pager above and below the rows
  const pager = (
    <Pager
      base={base}
      search={search}
      prevCursor={list.prevCursor}
      nextCursor={list.nextCursor}
      from={from}
      to={from + list.rows.length - 1}
      total={list.total}
      totalAtLeast={atLeast}
    />
  );

  return (
    <div className="mx-auto max-w-7xl space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <div className="flex items-center gap-2">
            <h1 className="text-lg font-semibold">{dataset.name}</h1>
            <DatasetMenu datasetId={datasetId} name={dataset.name} />
          </div>
          <nav className="flex gap-3 text-xs">
            <Link className="text-indigo-700 hover:underline" href={`${base}/compare`}>
              Compare
            </Link>
            <Link className="text-indigo-700 hover:underline" href={`${base}/analysis`}>
              Analysis
            </Link>
            <Link className="text-indigo-700 hover:underline" href={`${base}/queues${search}`}>
              Queues
            </Link>
          </nav>
          <p className="text-xs text-slate-500">
            {total.toLocaleString("en")} traces{dataset.description ? ` · ${dataset.description}` : ""}
          </p>
        </div>
        <CurationBar counts={overall} total={total} className="w-80" />
      </div>
      <DatasetToolbar
        scope={`Export and Propose act on the ${countText(list.total, atLeast)} ${list.total === 1 && !atLeast ? "trace" : "traces"} the filters show; rollouts and sampling on the whole dataset`}
        panels={[
          {
            id: "export",
            label: "Export",
            node: (
              <ExportPanel
                datasetId={datasetId}
                filterSearch={search}
                matching={list.total}
                matchingAtLeast={atLeast}
                formats={exportFormatChoices()}
              />
            ),
          },
          {
            id: "propose",
            label: "Propose",
            node: (
              <ProposeDatasetBar
                datasetId={datasetId}
                filter={filter}
                matching={list.total}
                model={model}
                agreement={agreement}
              />
            ),
          },
          {
            id: "jobs",
            label: "Rollouts & sampling",
            node: <DatasetJobsBar datasetId={datasetId} model={model} trained={trained} />,
          },
        ]}
      />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <StatusTabs base={base} filter={filter} counts={list.statusCounts} capped={list.countsCapped} />
          {pager}
        </div>
        <TraceFilterBar key={search} filter={filter} generators={generators} />
        {shown.leftOut > 0 && (
          <p role="note" className="text-xs text-amber-800">
            {shown.leftOut} {shown.leftOut === 1 ? "trace" : "traces"} on this page left out: a blind queue hides their
            labels from you until you submit them, and this filter is on a label.
          </p>
        )}
        {shown.rows.length === 0 && shown.leftOut === 0 ? (
          <p className="py-8 text-center text-sm text-slate-500">
            {total === 0
              ? "No traces in this dataset yet: import a JSONL file with attempts."
              : "No traces match these filters."}
          </p>
        ) : (
          <SelectableTraceList
            datasetId={datasetId}
            rows={shown.rows}
            base={base}
            search={search}
            model={model}
            prevHref={pageHref(base, search, list.prevCursor, true)}
            nextHref={pageHref(base, search, list.nextCursor, false)}
          />
        )}
        {pager}
      </div>
    </div>
  );
}
