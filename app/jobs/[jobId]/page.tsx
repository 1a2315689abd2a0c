import Link from "next/link";
import { notFound } from "next/navigation";
import { getJobDetail } from "@/lib/jobs/queries";
import { JobProgress } from "@/components/jobs/job-progress";
import { JobRecent } from "@/components/jobs/job-recent";

export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  const job = await getJobDetail(jobId);
  if (!job) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <div className="text-sm text-slate-500"><Link href="/jobs" className="hover:underline">Jobs</Link> / <span className="font-mono">{job.id}</span></div>
      <div>
        <h1 className="text-xl font-semibold">{job.kind} job{job.datasetName ? ` on ${job.datasetName}` : ""}</h1>
        <p className="text-xs text-slate-500">Started by {job.createdBy || "—"} at {new Date(job.createdAt).toLocaleString()}</p>
      </div>
      <JobProgress jobId={job.id} initial={job} />
      <JobRecent jobId={job.id} initial={job} />
      <details className="text-xs text-slate-600">
        <summary className="cursor-pointer">Parameters</summary>
        <pre className="mt-1 overflow-auto rounded bg-slate-50 p-2">{JSON.stringify(job.params, null, 2)}</pre>
      </details>
    </div>
  );
}
