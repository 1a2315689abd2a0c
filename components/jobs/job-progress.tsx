"use client";
import { useEffect, useRef } from "react";
import type { JobDetail } from "@/lib/data/job-queries";
import { useJob } from "./use-job";
import { JobBar } from "./job-bar";
import { JobControls } from "./job-controls";
import { JobStatusBadge } from "./job-status-badge";
import { JobFailures } from "./job-failures";
import { describeOutcomes } from "@/lib/core/propose/outcome";
import { jobIsLive, phaseNote } from "@/lib/core/job-phase";

/**
 * A job's live progress: bar, counts, state, error, controls and (unless compact) per-item
 * failures. Embeddable anywhere (the review screen shows it after "Find first error").
 */
// `outcomes={false}`: the caller states the proposals' outcomes itself (the review screen's model panel)
export function JobProgress({
  jobId,
  initial,
  compact = false,
  outcomes = true,
  onSettled,
}: {
  jobId: string;
  initial?: JobDetail;
  compact?: boolean;
  outcomes?: boolean;
  onSettled?: (job: JobDetail) => void;
}) {
  const { data: job, error } = useJob(jobId, initial);
  // settled once nothing runs any more (a cancelled job's last calls finish after the cancel)
  const settled = job && !jobIsLive(job.status, job.counts.running) ? job.status : null;
  const cb = useRef(onSettled);
  cb.current = onSettled;
  useEffect(() => {
    if (settled && job) cb.current?.(job);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per settled state, not per poll
  }, [settled]);
  if (!job) {
    return error ? (
      <p role="alert" className="text-sm text-rose-700">
        {error.message}
      </p>
    ) : (
      <p className="text-sm text-slate-500">Loading job…</p>
    );
  }
  const note = phaseNote(job.status, job.counts.running);
  return (
    <section aria-label={`Job ${job.kind}`} className="space-y-2">
      <div className="flex items-center gap-2 text-sm">
        <JobStatusBadge status={job.status} running={job.counts.running} />
        <span className="text-slate-600" data-testid="job-counts">
          {note ?? (
            <>
              {job.counts.running > 0 && `${job.counts.running} running · `}
              {job.counts.pending} pending
            </>
          )}
        </span>
      </div>
      <JobBar total={job.total} done={job.done} failed={job.failed} label={`${job.kind} job progress`} />
      {outcomes && job.outcomes && (
        <p data-testid="propose-outcomes" className="text-xs text-slate-700">
          {describeOutcomes(job.outcomes)}
        </p>
      )}
      {job.error && (
        <p role="status" className="text-sm text-amber-800">
          {job.error}
        </p>
      )}
      {error && <p className="text-xs text-rose-700">Progress is not updating: {error.message}</p>}
      <JobControls jobId={job.id} status={job.status} failed={job.failed} />
      {!compact && <JobFailures failures={job.failures} total={job.failed} />}
    </section>
  );
}
