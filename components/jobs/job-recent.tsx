"use client";
import type { JobDetail } from "@/lib/jobs/queries";
import { useJob } from "./use-job";

/** The latest finished items and their result summaries, as they arrive. */
export function JobRecent({ jobId, initial }: { jobId: string; initial?: JobDetail }) {
  const { data: job } = useJob(jobId, initial);
  if (!job || job.recent.length === 0) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white">
      <h3 className="border-b border-slate-200 px-3 py-1.5 text-sm font-medium text-slate-700">Latest results</h3>
      <ul className="divide-y divide-slate-100 text-xs">
        {job.recent.map((r) => (
          <li key={r.id} className="grid grid-cols-[minmax(8rem,14rem)_1fr] gap-3 px-3 py-1.5">
            <span className="truncate font-mono text-slate-700" title={r.key}>{r.key}</span>
            <span className="truncate font-mono text-slate-500">{JSON.stringify(r.result)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
