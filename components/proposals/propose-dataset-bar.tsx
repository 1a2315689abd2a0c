"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { TraceFilter } from "@/lib/core/filters";
import type { ModelStatus } from "@/lib/model/settings";
import type { Agreement } from "@/lib/propose/queries";
import { proposeInterventions } from "@/lib/actions/propose";
import { Button } from "@/components/ui/button";
import { JobProgress } from "@/components/jobs/job-progress";
import { ModelStatusNotice } from "@/components/settings/model-status-notice";

/** Dataset page: propose for every trace matching the list's filters, and human-vs-model agreement. */
export function ProposeDatasetBar({ datasetId, filter, matching, model, agreement }: {
  datasetId: string; filter: TraceFilter; matching: number; model: ModelStatus; agreement: Agreement;
}) {
  const router = useRouter();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const propose = () =>
    start(async () => {
      try {
        const r = await proposeInterventions({ datasetId, filter });
        if (r.ok) { setError(null); setJobId(r.data.jobId); } else setError(r.error);
      } catch {
        setError("The server did not answer; no job was started. Try again.");
      }
    });
  const pct = agreement.rate === null ? null : Math.round(agreement.rate * 100);
  return (
    <section aria-label="Model proposals for this dataset" className="space-y-2 rounded-lg border border-violet-200 bg-white px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" variant="primary" disabled={!model.configured || pending || matching === 0} onClick={propose}
          title={model.configured ? "One propose job over every trace the filters match" : model.reason}>
          Propose for the filtered list ({matching.toLocaleString("en")})
        </Button>
        <span data-testid="dataset-agreement" className="text-xs text-slate-600"
          title="Traces with both a human (else imported) and a model first-error label, counted as on the Analysis page">
          {pct === null ? "Human vs model first error: no trace has both labels yet" : `Human vs model first error: ${pct}% agree (${agreement.agree}/${agreement.compared})`}
        </span>
        {!model.configured && <ModelStatusNotice status={model} />}
      </div>
      {error && <p role="alert" className="text-xs font-medium text-rose-700">{error}</p>}
      {jobId && <JobProgress key={jobId} jobId={jobId} compact onSettled={() => router.refresh()} />}
    </section>
  );
}
