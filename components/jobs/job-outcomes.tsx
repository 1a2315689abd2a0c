"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import type { OutcomeFilter } from "@/lib/data/job-outcomes";
import type { JobDetail } from "@/lib/data/job-queries";
import { jobIsLive } from "@/lib/core/job-phase";
import { verdictCountsText } from "@/lib/core/verdict-words";
import { useJob } from "./use-job";
import { useJobOutcomeTotals, useJobOutcomes } from "./use-job-outcomes";
import type { OutcomePage, OutcomeTotals } from "@/lib/data/job-outcomes";
import { OutcomeBadge } from "./outcome-badge";
import { OutcomeRow } from "./outcome-row";

const FILTER_LABEL: Record<OutcomeFilter, string> = { all: "All", failed: "Failed", "held-back": "Held back" };

/**
 * Per-item outcomes of a job: totals by outcome, filters (in the URL), a cursor-paged table with
 * links to the trace and intervention, and the CSV of every item under the filter.
 */
export function JobOutcomes({
  job: initialJob,
  filter,
  after,
  initial,
}: {
  job: JobDetail;
  filter: OutcomeFilter;
  after: string | null;
  initial: OutcomePage & { totals: OutcomeTotals };
}) {
  const { data: job = initialJob } = useJob(initialJob.id, initialJob);
  const live = jobIsLive(job.status, job.counts.running);
  const { data, error, refetch } = useJobOutcomes(job.id, filter, after, initial, live);
  const { data: totals, refetch: refetchTotals } = useJobOutcomeTotals(job.id, initial.totals, live);
  // The last items settle between two polls: once the job stops being live, read the outcomes
  // once more, so the table ends on the final state and not on the last poll before it.
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) void Promise.all([refetch(), refetchTotals()]);
    wasLive.current = live;
  }, [live, refetch, refetchTotals]);
  const { rows, next } = data;
  const count = (o: string) => totals.items.find((t) => t.outcome === o)?.n ?? 0;
  const filters: OutcomeFilter[] = job.kind === "propose" ? ["all", "failed", "held-back"] : ["all", "failed"];
  const n: Record<OutcomeFilter, number> = { all: job.total, failed: count("failed"), "held-back": count("held back") };
  const href = (f: OutcomeFilter, a?: string | null) => {
    const qs = new URLSearchParams({ ...(f !== "all" ? { filter: f } : {}), ...(a ? { after: a } : {}) }).toString();
    return `/jobs/${job.id}${qs ? `?${qs}` : ""}`;
  };
  const csv = `/api/jobs/${job.id}/outcomes/csv${filter !== "all" ? `?filter=${filter}` : ""}`;
  const verdicts = verdictCountsText(totals.verdicts);
  const graded = job.kind === "rollouts" || job.kind === "sample"; // items with graded samples
  return (
    <section aria-label="Outcomes" className="rounded-md border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-3 py-2">
        <h2 className="text-sm font-medium text-slate-700">Outcomes</h2>
        <ul aria-label="Totals by outcome" className="flex flex-wrap gap-2 text-xs">
          {totals.items.map((t) => (
            <li key={t.outcome} className="flex items-center gap-1">
              <OutcomeBadge outcome={t.outcome} />
              <span className="tabular-nums">{t.n}</span>
            </li>
          ))}
        </ul>
        <a href={csv} download className="ml-auto text-xs text-indigo-700 hover:underline">
          Download CSV
        </a>
      </div>
      {totals.samples > 0 && (
        <p className="border-b border-slate-100 px-3 py-1.5 text-xs text-slate-600" data-testid="sample-totals">
          {totals.correct} of {totals.samples} samples correct{verdicts ? `: ${verdicts}` : ""}
        </p>
      )}
      <nav aria-label="Filter outcomes" className="flex gap-1 px-3 py-1.5 text-xs">
        {filters.map((f) => (
          <Link
            key={f}
            href={href(f)}
            aria-current={f === filter ? "page" : undefined}
            className={`rounded px-2 py-0.5 ${f === filter ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {FILTER_LABEL[f]} ({n[f]})
          </Link>
        ))}
      </nav>
      {error && <p className="px-3 py-1 text-xs text-rose-700">Not refreshing: {error.message}</p>}
      {rows.length === 0 ? (
        <p className="px-3 py-3 text-sm text-slate-500">
          {filter === "all" ? "No items in this job." : `No ${FILTER_LABEL[filter].toLowerCase()} items.`}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th className="px-3 py-1.5 font-medium">Item</th>
                <th className="px-3 py-1.5 font-medium">Outcome</th>
                <th className="px-3 py-1.5 font-medium">Open</th>
                <th className="px-3 py-1.5 font-medium">{job.kind === "propose" ? "Location" : "Condition"}</th>
                {graded && <th className="px-3 py-1.5 font-medium">Verdicts</th>}
                <th className="px-3 py-1.5 font-medium">Detail</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <OutcomeRow key={r.id} r={r} datasetId={job.datasetId} graded={graded} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex gap-3 border-t border-slate-100 px-3 py-1.5 text-xs">
        {after && (
          <Link href={href(filter)} className="text-indigo-700 hover:underline">
            First page
          </Link>
        )}
        {next && (
          <Link href={href(filter, next)} className="text-indigo-700 hover:underline">
            Next {rows.length} items
          </Link>
        )}
      </div>
    </section>
  );
}
