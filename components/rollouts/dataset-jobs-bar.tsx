"use client";
import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { ModelStatus } from "@/lib/model/settings";
import { runRollouts, sampleAttempts } from "@/lib/actions/rollouts";
import { CONDITIONS, type Condition } from "@/lib/core/rollouts/conditions";
import { Button } from "@/components/ui/button";
import { JobProgress } from "@/components/jobs/job-progress";
import { ModelStatusNotice } from "@/components/settings/model-status-notice";
import { useStartJob } from "@/components/traces/use-start-job";
import { SAMPLING_DEFAULTS, SamplingFields, samplingValue, type SamplingText } from "./sampling-fields";
import { EndpointSelect, TrainedNotice } from "./endpoint-select";
import { CountField, JobRow } from "./count-field";
import type { EndpointId } from "@/lib/model/endpoints";

const STATUSES = { live: ["proposed", "accepted", "edited"], kept: ["accepted", "edited"] } as const;
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

/**
 * Dataset page: the CLI's `rollouts` and `sample` as buttons. Rollouts: K continuations per
 * intervention and condition, keep filter M. Sampling: N attempts per problem, the wrong ones
 * kept as traces. Both start a job and show its progress here (and on /jobs).
 */
export function DatasetJobsBar({
  datasetId,
  model,
  trained,
}: {
  datasetId: string;
  model: ModelStatus;
  trained?: ModelStatus;
}) {
  const router = useRouter();
  const ro = useStartJob();
  const sa = useStartJob();
  const [k, setK] = useState("32");
  const [m, setM] = useState("1");
  const [conditions, setConditions] = useState<Condition[]>(["intervention"]);
  const [which, setWhich] = useState<keyof typeof STATUSES>("live");
  const [n, setN] = useState("4");
  const [withoutTraces, setWithoutTraces] = useState(false);
  const [limit, setLimit] = useState("");
  const [sampling, setSampling] = useState<SamplingText>(SAMPLING_DEFAULTS);
  const [from, setFrom] = useState<EndpointId>("model");
  const off = !model.configured;
  const why = model.configured ? undefined : model.reason;
  // sampling calls the endpoint chosen in "from"; rollouts always the base model
  const sampler = from === "trained" && trained ? trained : model;
  const sampleOff = !sampler.configured;
  const flip = (c: Condition) =>
    setConditions((cs) =>
      cs.includes(c) ? cs.filter((x) => x !== c) : CONDITIONS.filter((x) => x === c || cs.includes(x)),
    );

  const rollouts = () =>
    ro.run(() =>
      runRollouts({
        datasetId,
        k: num(k),
        minCorrect: num(m),
        conditions,
        statuses: [...STATUSES[which]],
        limit: num(limit),
        sampling: samplingValue(sampling),
      }),
    );
  const sample = () =>
    sa.run(() =>
      sampleAttempts({
        datasetId,
        endpoint: from,
        n: num(n),
        withoutTraces,
        limit: num(limit),
        sampling: samplingValue(sampling),
      }),
    );

  return (
    <section
      aria-label="Rollouts and sampling"
      className="space-y-2 rounded-lg border border-emerald-200 bg-white px-3 py-2 text-sm"
    >
      <JobRow title="Rollouts">
        <CountField label="K" name="K rollouts per intervention" max={1024} value={k} onChange={setK} />
        <CountField
          label="keep if ≥ M"
          name="M correct to keep"
          title="verified when at least M of the K intervention rollouts are correct"
          value={m}
          onChange={setM}
        />
        <span className="flex items-center gap-2 text-xs text-slate-600">
          {CONDITIONS.map((c) => (
            <label key={c} className="flex items-center gap-0.5">
              <input type="checkbox" checked={conditions.includes(c)} onChange={() => flip(c)} />
              {c}
            </label>
          ))}
        </span>
        <select
          aria-label="Statuses to roll out"
          title="which interventions to roll out"
          value={which}
          onChange={(e) => setWhich(e.target.value as keyof typeof STATUSES)}
          className="h-6 rounded border border-slate-300 bg-white text-xs"
        >
          <option value="live">all but rejected</option>
          <option value="kept">accepted and edited</option>
        </select>
        <Button
          size="xs"
          variant="primary"
          disabled={off || ro.pending || conditions.length === 0}
          onClick={rollouts}
          title={why}
        >
          Run rollouts for the dataset
        </Button>
      </JobRow>
      <JobRow title="Sample attempts">
        <EndpointSelect value={from} onChange={setFrom} model={model} trained={trained} />
        <CountField label="N" name="N attempts per problem" max={1024} value={n} onChange={setN} />
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <input type="checkbox" checked={withoutTraces} onChange={(e) => setWithoutTraces(e.target.checked)} />
          only problems without traces
        </label>
        <Button
          size="xs"
          variant="primary"
          disabled={sampleOff || sa.pending}
          onClick={sample}
          title={
            sampler.configured
              ? "grade N attempts per problem; the incorrect ones become traces to curate"
              : sampler.reason
          }
        >
          Sample attempts
        </Button>
        <TrainedNotice trained={trained} />
      </JobRow>
      <details className="text-xs text-slate-600">
        <summary className="cursor-pointer">Sampling and limit (paper defaults)</summary>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <SamplingFields value={sampling} onChange={setSampling} />
          <CountField label="Limit" name="Limit" placeholder="all" value={limit} onChange={setLimit} />
        </div>
      </details>
      {off && <ModelStatusNotice status={model} />}
      <Started
        label="Rollouts"
        job={ro}
        onSettled={() => router.refresh()}
        empty="No interventions to roll out (check the statuses chosen)."
      />
      <Started label="Sampling" job={sa} onSettled={() => router.refresh()} empty="No problems to sample." />
    </section>
  );
}

function Started({
  label,
  job,
  onSettled,
  empty,
}: {
  label: string;
  job: ReturnType<typeof useStartJob>;
  onSettled: () => void;
  empty: string;
}) {
  if (job.error)
    return (
      <p role="alert" className="text-xs font-medium text-rose-700">
        {label}: {job.error}
      </p>
    );
  if (!job.jobId) return null;
  return (
    <div className="space-y-1">
      <p className="text-xs text-slate-600">
        {label} job started: {job.total === 0 ? empty : `${job.total} item(s).`}{" "}
        <Link className="text-indigo-700 hover:underline" href={`/jobs/${job.jobId}`}>
          Open the job
        </Link>
      </p>
      <JobProgress key={job.jobId} jobId={job.jobId} compact onSettled={onSettled} />
    </div>
  );
}
