"use client";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Skeleton } from "@/components/ui/skeleton";
import { runRollouts } from "@/lib/actions/rollouts";
import { RolloutItem } from "./rollout-item";
import { rolloutKeys, useRollouts } from "./use-rollouts";

/** Rollouts of one intervention (method.md §6): run K continuations, watch them graded, see the keep filter. */
export function RolloutsPanel({ interventionId }: { interventionId: string }) {
  const q = useRollouts(interventionId);
  const qc = useQueryClient();
  const [k, setK] = useState(32);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const job = q.data?.job;
  const running = job?.status === "queued" || job?.status === "running";

  const run = () =>
    start(async () => {
      setError(null);
      const r = await runRollouts({ interventionId, k });
      if (!r.ok) setError(r.error);
      await qc.invalidateQueries({ queryKey: rolloutKeys.intervention(interventionId) });
    });

  if (q.isPending) return <Skeleton className="h-24" />;
  if (q.error) return <p className="text-sm text-rose-700">{(q.error as Error).message}</p>;
  const { intervention: iv, rollouts, starts } = q.data;
  const ivRollouts = rollouts.filter((r) => r.condition === "intervention");
  const others = rollouts.filter((r) => r.condition !== "intervention");

  return (
    <section aria-label="Rollouts" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium text-slate-800">Rollouts</h3>
        {iv.verified === true && (
          <Badge tone="green" title="at least M of its rollouts are correct">
            verified
          </Badge>
        )}
        {iv.verified === false && (
          <Badge tone="red" title="no rollout passed the keep filter">
            not verified
          </Badge>
        )}
        {iv.stale ? (
          <Badge
            tone="amber"
            title={`edited by ${iv.stale.by} at ${iv.stale.at.slice(11, 16)} UTC; ${iv.stale.dropped} rollout(s) of the old text were dropped (were ${iv.stale.correct}/${iv.stale.total} correct)`}
          >
            rollouts are stale, re-run
          </Badge>
        ) : (
          <span className="text-xs text-slate-600">
            {iv.rolloutsTotal ? `${iv.rolloutsCorrect}/${iv.rolloutsTotal} correct` : "not rolled out yet"}
          </span>
        )}
        <label className="ml-auto flex items-center gap-1 text-xs text-slate-600">
          K
          <input
            aria-label="Rollouts K"
            type="number"
            min={1}
            max={1024}
            value={k}
            onChange={(e) => setK(Number(e.target.value) || 1)}
            className="h-7 w-16 rounded-md border border-slate-300 px-1"
          />
        </label>
        <Button size="sm" variant="primary" onClick={run} disabled={pending || running}>
          Run rollouts
        </Button>
      </header>
      {error && (
        <p role="alert" className="text-rose-700">
          {error}
        </p>
      )}
      {job && running && (
        <div className="flex items-center gap-2 text-xs text-slate-600">
          <ProgressBar value={job.samplesStored} max={job.samplesExpected} label="Rollout progress" />
          <span className="whitespace-nowrap">
            {job.samplesStored}/{job.samplesExpected} graded
          </span>
        </div>
      )}
      {job?.error && <p className="text-xs text-rose-700">{job.error}</p>}
      {ivRollouts.length === 0 && !running && (
        <p className="text-xs text-slate-500">
          Run K continuations from problem + prefix + intervention; the intervention is verified when one is correct.
        </p>
      )}
      <ol className="space-y-1">
        {ivRollouts.map((r) => (
          <RolloutItem key={r.id} r={r} start={starts.intervention ?? ""} />
        ))}
      </ol>
      {others.length > 0 && (
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-600">
            {others.length} baseline rollout(s) (problem / prefix / original)
          </summary>
          <ol className="mt-1 space-y-1">
            {others.map((r) => (
              <RolloutItem key={r.id} r={r} start={starts[r.condition as keyof typeof starts] ?? ""} />
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
