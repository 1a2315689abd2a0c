"use client";
import Link from "next/link";
import type { JobSummary } from "@/lib/data/job-queries";
import { useJobs } from "./use-job";
import { JobBar } from "./job-bar";
import { JobStatusBadge } from "./job-status-badge";

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });

/** All jobs, newest first; refreshes while any job is active. */
export function JobsTable({ initial }: { initial: JobSummary[] }) {
  const { data: jobs = initial, error } = useJobs(initial);
  if (jobs.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No jobs yet: open a dataset and run “Find first error” on a trace or on the filtered list.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      {error && <p className="px-3 py-1 text-xs text-rose-700">Not refreshing: {error.message}</p>}
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">Job</th>
            <th className="px-3 py-2 font-medium">Dataset</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="w-1/3 px-3 py-2 font-medium">Progress</th>
            <th className="px-3 py-2 font-medium">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((j) => (
            <tr key={j.id}>
              <td className="px-3 py-2">
                <Link href={`/jobs/${j.id}`} className="font-medium text-indigo-700 hover:underline">
                  {j.kind}
                </Link>
                <div className="font-mono text-xs text-slate-400">{j.id}</div>
              </td>
              <td className="px-3 py-2 text-slate-700">{j.datasetName ?? "—"}</td>
              <td className="px-3 py-2" title={j.error ?? undefined}>
                <JobStatusBadge status={j.status} />
              </td>
              <td className="px-3 py-2">
                <JobBar total={j.total} done={j.done} failed={j.failed} label={`Progress of job ${j.id}`} />
              </td>
              <td className="px-3 py-2 text-xs text-slate-600">
                {j.createdBy || "—"}
                <div className="text-slate-400">{when(j.createdAt)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
