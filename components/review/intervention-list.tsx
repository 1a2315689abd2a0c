"use client";
import type { ReactNode } from "react";
import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Kbd } from "@/components/ui/kbd";
import { InterventionStatusBadge } from "@/components/traces/status-badge";
import { cn } from "@/components/ui/cn";
import { TokenPreview } from "@/components/export/token-preview";
import { RolloutsToggle } from "./rollouts-toggle";
import { useReview } from "./review-context";
import type { ReviewActions } from "./use-review-actions";
import { OnpolicyScore } from "./onpolicy-score";
import { useOnpolicyScores } from "./use-onpolicy-scores";
import { baseLabel } from "./edit-base";
import { describeCount, type CommentCount } from "@/lib/core/comments/marks";

const DiffView = dynamic(() => import("./diff-view").then((m) => m.DiffView), {
  ssr: false,
  loading: () => <p className="text-xs text-slate-500">Loading diff…</p>,
});

export function InterventionList({
  actions,
  bodies,
  onEdit,
  onNew,
  comments,
}: {
  actions: ReviewActions;
  bodies: Record<string, ReactNode>;
  onEdit: (id: string) => void;
  onNew: () => void;
  comments: Record<string, CommentCount>; // comments anchored to each intervention
}) {
  const { data, focusIv, setFocusIv, pending } = useReview();
  const scores = useOnpolicyScores(data.traceId, data.interventions.map((i) => `${i.id}:${i.version}`).join(","));
  return (
    <section aria-label="Interventions" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">Interventions</h2>
        <Button size="xs" onClick={onNew}>
          Write <Kbd>i</Kbd>
        </Button>
      </div>
      {data.interventions.length === 0 && (
        <p className="text-xs text-slate-500">None yet. Mark the first error, then press i to write one.</p>
      )}
      <ul className="space-y-2">
        {data.interventions.map((iv) => (
          <li
            key={iv.id}
            data-testid="intervention"
            aria-current={focusIv === iv.id ? "true" : undefined}
            onClick={() => setFocusIv(iv.id)}
            className={cn(
              "rounded border p-2",
              focusIv === iv.id ? "border-indigo-400 ring-1 ring-indigo-300" : "border-slate-200",
            )}
          >
            <div className="mb-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
              <span className="font-medium text-slate-800">Step {iv.location}</span>
              <InterventionStatusBadge status={iv.status} />
              <Badge tone={iv.origin === "model" ? "violet" : iv.origin === "imported" ? "amber" : "slate"}>
                {iv.origin}
              </Badge>
              {iv.author && <span title={`updated ${iv.updatedAt}`}>by {iv.author}</span>}
              <OnpolicyScore score={scores.get(iv.id)} />
              {comments[iv.id] && (
                <Badge tone={comments[iv.id].open ? "amber" : "slate"} title={describeCount(comments[iv.id])}>
                  <span aria-label={`intervention at step ${iv.location}: ${describeCount(comments[iv.id])}`}>
                    {comments[iv.id].total === 1 ? "1 comment" : `${comments[iv.id].total} comments`}
                  </span>
                </Badge>
              )}
            </div>
            <div className="max-h-48 overflow-y-auto text-sm">{bodies[iv.id]}</div>
            {iv.originalContent !== null && (
              // after saving, the edit stays judged against what it started as (word diff)
              <details open data-testid="saved-edit-diff" className="mt-1 text-xs text-slate-500">
                <summary className="cursor-pointer">Diff: {baseLabel(iv.origin)} → edit</summary>
                <div className="max-h-64 overflow-y-auto rounded border border-slate-200 [&_table]:w-full [&_table]:table-fixed">
                  <DiffView before={iv.originalContent} after={iv.content} title={`${baseLabel(iv.origin)} → edit`} />
                </div>
              </details>
            )}
            <div className="mt-1 space-y-1">
              <TokenPreview interventionId={iv.id} version={iv.version} />
              <RolloutsToggle interventionId={iv.id} version={iv.version} />
            </div>
            <div className="mt-2 flex gap-1.5">
              <Button
                size="xs"
                variant="primary"
                disabled={pending || iv.status === "accepted"}
                onClick={() => actions.decide(iv.id, "accept")}
              >
                Accept <Kbd>a</Kbd>
              </Button>
              <Button size="xs" disabled={pending} onClick={() => onEdit(iv.id)}>
                Edit <Kbd>c</Kbd>
              </Button>
              <Button
                size="xs"
                variant="ghost"
                disabled={pending || iv.status === "rejected"}
                onClick={() => actions.decide(iv.id, "reject")}
              >
                Reject <Kbd>r</Kbd>
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
