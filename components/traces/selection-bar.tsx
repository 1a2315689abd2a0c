"use client";
import { useRouter } from "next/navigation";
import type { ModelStatus } from "@/lib/model/settings";
import { proposeInterventions } from "@/lib/actions/propose";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { JobProgress } from "@/components/jobs/job-progress";
import type { TraceSelection } from "./use-trace-selection";
import { useStartJob } from "./use-start-job";

/** The selected traces: how many, clear, and "Find first error + propose" for exactly those. */
export function SelectionBar({
  datasetId,
  selection,
  onPage,
  model,
}: {
  datasetId: string;
  selection: TraceSelection;
  onPage: number;
  model: ModelStatus;
}) {
  const router = useRouter();
  const job = useStartJob();
  const n = selection.ids.length;
  const propose = () => job.run(() => proposeInterventions({ datasetId, traceIds: selection.ids }));
  return (
    <div aria-label="Selection" role="region" className="space-y-1.5 rounded-md bg-slate-50 px-2 py-1.5 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="selection-count" className="tabular-nums text-slate-700">
          {n === 0 ? "No traces selected" : `${n.toLocaleString("en")} selected`}
          {n > onPage && <span className="text-xs text-slate-500"> ({onPage} on this page)</span>}
        </span>
        {n > 0 && (
          <Button size="xs" variant="ghost" onClick={selection.clear}>
            Clear selection
          </Button>
        )}
        <Button
          size="xs"
          variant="primary"
          disabled={n === 0 || !model.configured || job.pending}
          onClick={propose}
          title={
            model.configured
              ? "One propose job (first error + interventions) over the selected traces only; correct answers and problems without a reference are skipped"
              : model.reason
          }
        >
          Find first error + propose for {n.toLocaleString("en")} selected
        </Button>
        <span className="text-xs text-slate-500">
          Tick rows (Shift-click for a range), or <Kbd>j</Kbd>/<Kbd>k</Kbd> to a row and <Kbd>x</Kbd>; <Kbd>?</Kbd>{" "}
          lists the keys.
        </span>
      </div>
      {job.error && (
        <p role="alert" className="text-xs font-medium text-rose-700">
          {job.error}
        </p>
      )}
      {job.summary && (
        <p data-testid="selection-propose-summary" className="text-xs text-slate-600">
          Started: {job.summary}
        </p>
      )}
      {job.jobId && <JobProgress key={job.jobId} jobId={job.jobId} compact onSettled={() => router.refresh()} />}
    </div>
  );
}
