import Link from "next/link";
import { notFound } from "next/navigation";
import { getJobDetail } from "@/lib/data/job-queries";
import { jobOutcomeTotals, listOutcomes } from "@/lib/data/job-outcomes";
import { outcomeQuery } from "@/lib/jobs/outcome-query";
import { JobProgress } from "@/components/jobs/job-progress";
import { JobOutcomes } from "@/components/jobs/job-outcomes";
import { blindOutcomes } from "@/lib/data/blind-labels";
import { currentActor } from "@/lib/auth/actor";

export const dynamic = "force-dynamic";

export default async function JobPage({
  params,
  searchParams,
}: {
  params: Promise<{ jobId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { jobId } = await params;
  const q = outcomeQuery(await searchParams);
  const [job, read, totals, who] = await Promise.all([
    getJobDetail(jobId),
    listOutcomes(jobId, q),
    jobOutcomeTotals(jobId),
    currentActor(),
  ]);
  // the parsed step of a trace a blind queue withholds from this reader is not sent (lib/core/queues/blind.ts)
  const page = read && (await blindOutcomes(who, read));
  if (!job || !page || !totals) notFound();
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div className="text-sm text-slate-500">
        <Link href="/jobs" className="hover:underline">
          Jobs
        </Link>{" "}
        / <span className="font-mono">{job.id}</span>
      </div>
      <div>
        <h1 className="text-xl font-semibold">
          {job.kind} job{job.datasetName ? ` on ${job.datasetName}` : ""}
        </h1>
        <p className="text-xs text-slate-500">
          Started by {job.createdBy || "—"} at {new Date(job.createdAt).toLocaleString()}
        </p>
      </div>
      {/* failures are a filter of the outcome table below, not a second list */}
      <JobProgress jobId={job.id} initial={job} compact />
      <JobOutcomes
        key={`${q.filter}:${q.after ?? ""}`}
        job={job}
        filter={q.filter}
        after={q.after}
        initial={{ ...page, totals }}
      />
      <details className="text-xs text-slate-600">
        <summary className="cursor-pointer">Parameters</summary>
        <pre className="mt-1 overflow-auto rounded bg-slate-50 p-2">{JSON.stringify(job.params, null, 2)}</pre>
      </details>
    </div>
  );
}
