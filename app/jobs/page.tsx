import { listJobs } from "@/lib/data/job-queries";
import { JobsTable } from "@/components/jobs/jobs-table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Jobs · InT Studio" };

export default async function JobsPage() {
  const jobs = await listJobs({ take: 100 });
  return (
    <div className="mx-auto max-w-6xl space-y-3">
      <h1 className="text-xl font-semibold">Jobs</h1>
      <JobsTable initial={jobs} />
    </div>
  );
}
