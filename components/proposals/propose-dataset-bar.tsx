"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { TraceFilter } from "@/lib/core/filters";
import type { ModelStatus } from "@/lib/model/settings";
import type { Agreement } from "@/lib/data/proposal-queries";
import { proposeInterventions } from "@/lib/actions/propose";
import { Button } from "@/components/ui/button";
import { JobProgress } from "@/components/jobs/job-progress";
import { ModelStatusNotice } from "@/components/settings/model-status-notice";
import { sentCount } from "@/lib/core/propose/selection";
import { useProposePreview } from "./use-propose-preview";

/**
 * Dataset page: propose for the traces matching the list's filters, and human-vs-model agreement.
 * The button says what will be sent and skipped (correct answers and problems without a
 * reference are skipped unless ticked), counted by the server before anything starts.
 */
export function ProposeDatasetBar({
  datasetId,
  filter,
  matching,
  model,
  agreement,
}: {
  datasetId: string;
  filter: TraceFilter;
  matching: number;
  model: ModelStatus;
  agreement: Agreement;
}) {
  const router = useRouter();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [includeCorrect, setIncludeCorrect] = useState(false);
  const [includeNoReference, setIncludeNoReference] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const preview = useProposePreview(datasetId, filter, { correct: includeCorrect, noReference: includeNoReference });
  const sending = preview.data ? sentCount(preview.data.counts) : 0;
  const propose = () =>
    start(async () => {
      try {
        const r = await proposeInterventions({ datasetId, filter, includeCorrect, includeNoReference });
        if (r.ok) {
          setError(null);
          setJobId(r.data.jobId);
          setStarted(r.data.summary ?? null);
        } else setError(r.error);
      } catch {
        setError("The server did not answer; no job was started. Try again.");
      }
    });
  const pct = agreement.rate === null ? null : Math.round(agreement.rate * 100);
  return (
    <section
      aria-label="Model proposals for this dataset"
      className="space-y-2 rounded-lg border border-violet-200 bg-white px-3 py-2 text-sm"
    >
      <div className="flex flex-wrap items-center gap-3">
        <Button
          size="sm"
          variant="primary"
          disabled={!model.configured || pending || matching === 0 || sending === 0}
          onClick={propose}
          title={
            model.configured
              ? `One propose job over the ${matching.toLocaleString("en")} traces the filters match, less those skipped`
              : model.reason
          }
        >
          {preview.data
            ? preview.data.summary
            : `Propose for the filtered list (${matching.toLocaleString("en")}): counting…`}
        </Button>
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <input type="checkbox" checked={includeCorrect} onChange={(e) => setIncludeCorrect(e.target.checked)} />
          include correct answers
        </label>
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <input
            type="checkbox"
            checked={includeNoReference}
            onChange={(e) => setIncludeNoReference(e.target.checked)}
          />
          include traces without a reference
        </label>
        <span
          data-testid="dataset-agreement"
          className="text-xs text-slate-600"
          title="Traces with both a human (else imported) and a model first-error label, counted as on the Analysis page"
        >
          {pct === null
            ? "Human vs model first error: no trace has both labels yet"
            : `Human vs model first error: ${pct}% agree (${agreement.agree}/${agreement.compared})`}
        </span>
        {!model.configured && <ModelStatusNotice status={model} />}
      </div>
      {preview.error && <p className="text-xs text-rose-700">{preview.error.message}</p>}
      {error && (
        <p role="alert" className="text-xs font-medium text-rose-700">
          {error}
        </p>
      )}
      {started && jobId && (
        <p data-testid="propose-started" className="text-xs text-slate-600">
          Started: {started}
        </p>
      )}
      {jobId && <JobProgress key={jobId} jobId={jobId} compact onSettled={() => router.refresh()} />}
    </section>
  );
}
