"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ModelStatus } from "@/lib/model/settings";
import { scoreOnpolicy } from "@/lib/actions/onpolicy";
import type { StartedJob } from "@/lib/actions/start-job";
import { Button } from "@/components/ui/button";
import { JobProgress } from "@/components/jobs/job-progress";
import { ModelStatusNotice } from "@/components/settings/model-status-notice";

function useStart() {
  const [started, setStarted] = useState<{ jobId: string; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = (action: () => Promise<StartedJob>) =>
    start(async () => {
      try {
        const r = await action();
        if (r.ok) {
          setError(null);
          setStarted(r.data);
        } else setError(r.error);
      } catch {
        setError("The server did not answer; no job was started. Try again.");
      }
    });
  return { jobId: started?.jobId ?? null, total: started?.total ?? null, error, pending, run };
}

/** Starts the "onpolicy" scoring job for the dataset and follows it; the panel reloads when it settles. */
export function OnpolicyStart({ datasetId, model }: { datasetId: string; model: ModelStatus }) {
  const router = useRouter();
  const job = useStart();
  const [scope, setScope] = useState<"unscored" | "all">("unscored");
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label="Interventions to score"
          value={scope}
          onChange={(e) => setScope(e.target.value as "unscored" | "all")}
          className="h-6 rounded border border-slate-300 bg-white text-xs"
        >
          <option value="unscored">not yet scored by this model</option>
          <option value="all">all but rejected (score again)</option>
        </select>
        <Button
          size="xs"
          variant="primary"
          disabled={!model.configured || job.pending}
          title={model.configured ? undefined : model.reason}
          onClick={() => job.run(() => scoreOnpolicy({ datasetId, scope }))}
        >
          Score on-policyness
        </Button>
        <ModelStatusNotice status={model} />
      </div>
      {job.error && (
        <p role="alert" className="text-xs font-medium text-rose-700">
          {job.error}
        </p>
      )}
      {job.jobId && (
        <div className="space-y-1">
          <p className="text-xs text-slate-600">
            Scoring job started:{" "}
            {job.total === 0 ? "every intervention is already scored by this model." : `${job.total} intervention(s).`}{" "}
            <Link className="text-indigo-700 hover:underline" href={`/jobs/${job.jobId}`}>
              Open the job
            </Link>
          </p>
          <JobProgress key={job.jobId} jobId={job.jobId} compact onSettled={() => router.refresh()} />
        </div>
      )}
    </div>
  );
}
