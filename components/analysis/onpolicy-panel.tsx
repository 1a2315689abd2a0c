import Link from "next/link";
import { OUTLIER_RULE } from "@/lib/core/onpolicy/outliers";
import { UNSUPPORTED_MESSAGE } from "@/lib/core/onpolicy/nll";
import { latestOnpolicyJob, onpolicyStats } from "@/lib/data/onpolicy";
import { modelStatus } from "@/lib/model/settings";
import { OnpolicyHistogram } from "./onpolicy-histogram";
import { OnpolicyStart } from "./onpolicy-start";

// Issue 5 §3: how on-policy the interventions are. Each one's mean NLL under the base model
// given problem + prefix (vLLM prompt_logprobs), the distribution, Tukey outliers, and the job
// that scores them. A server without prompt_logprobs is named as such.

const f = (x: number) => x.toFixed(3);

export async function OnpolicyPanel({ datasetId }: { datasetId: string }) {
  const model = await modelStatus();
  const [s, job] = await Promise.all([
    onpolicyStats(datasetId, { prefer: model.configured ? model.name : null }),
    latestOnpolicyJob(datasetId),
  ]);
  const unsupported = job?.status === "failed" && job.error === UNSUPPORTED_MESSAGE;
  const note = s.summary
    ? `${s.scored.toLocaleString("en")} of ${s.live.toLocaleString("en")} interventions scored by ${s.model} · median ${f(s.summary.median)} · IQR ${f(s.summary.q1)}–${f(s.summary.q3)} nats/token`
    : "";
  return (
    <section aria-label="On-policyness" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <div>
        <h2 className="text-sm font-semibold">On-policyness</h2>
        <p className="text-xs text-slate-500">
          Mean negative log-likelihood of each intervention&apos;s tokens under the base model, given the problem (chat
          template, as in the trl-tokenized export) and the prefix before it. Lower is more on-policy: the paper finds
          on-policy interventions make better SFT data than reference solutions. Needs a server that returns prompt
          log-probabilities (vLLM&apos;s <code>prompt_logprobs</code>).
        </p>
      </div>
      <OnpolicyStart datasetId={datasetId} model={model} />
      {unsupported ? (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          The last scoring job stopped: {UNSUPPORTED_MESSAGE}. Serve the model with vLLM (or another server that returns
          them), then retry the job.
        </p>
      ) : job?.status === "failed" && job.error ? (
        <p role="status" className="text-xs text-amber-800">
          The last scoring job failed: {job.error} (
          <Link className="text-indigo-700 hover:underline" href={`/jobs/${job.id}`}>
            details
          </Link>
          )
        </p>
      ) : null}
      {s.models.length > 1 && (
        <p className="text-xs text-slate-500">
          Shown: {s.model}. Also scored by: {s.models.slice(1).join(", ")}.
        </p>
      )}
      {s.summary ? (
        <>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs sm:grid-cols-5" aria-label="NLL summary">
            <div>
              <dt className="text-slate-500">scored</dt>
              <dd className="tabular-nums">
                {s.scored} / {s.live}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">median</dt>
              <dd className="tabular-nums">{f(s.summary.median)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">IQR (Q1–Q3)</dt>
              <dd className="tabular-nums">
                {f(s.summary.q1)}–{f(s.summary.q3)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">outlier fence</dt>
              <dd className="tabular-nums">{f(s.summary.fence)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">outliers</dt>
              <dd className="tabular-nums" data-testid="onpolicy-outliers">
                {s.outliers}
              </dd>
            </div>
          </dl>
          <p className="text-xs text-slate-600">Outlier rule: {OUTLIER_RULE}.</p>
          <OnpolicyHistogram bins={s.bins} fence={s.summary.fence} note={note} />
          {s.top.length > 0 && (
            <div>
              <h3 className="text-xs font-semibold text-slate-700">Top outliers</h3>
              <ol className="space-y-1 text-xs" aria-label="Top outliers">
                {s.top.map((o) => (
                  <li key={o.id} className="flex gap-2">
                    <span className="w-12 shrink-0 tabular-nums font-medium text-rose-700">{f(o.nllMean)}</span>
                    <Link
                      className="min-w-0 truncate text-indigo-700 hover:underline"
                      href={`/datasets/${datasetId}/traces/${o.traceId}`}
                    >
                      step {o.location} · {o.status} · {o.preview}
                    </Link>
                  </li>
                ))}
              </ol>
            </div>
          )}
        </>
      ) : (
        !unsupported && (
          <p className="text-xs text-slate-500">
            No intervention is scored yet
            {s.live ? `: ${s.live} can be scored.` : ": write or propose interventions first."}
          </p>
        )
      )}
    </section>
  );
}
