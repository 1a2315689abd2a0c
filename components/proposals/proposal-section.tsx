"use client";
import { Button } from "@/components/ui/button";
import { useReview } from "@/components/review/review-context";
import type { ReviewActions } from "@/components/review/use-review-actions";
import { ProposalCard } from "./proposal-card";
import { ProposalPreview } from "./proposal-preview";
import { HeldBackEditor } from "./held-back-editor";
import { proposalKeys, useTraceProposals } from "./use-proposals";
import { useQueryClient } from "@tanstack/react-query";

/**
 * The model's proposals for this trace, newest first: each with its reports, the guided attempt
 * and diff, and accept / edit / reject on the Intervention row it created (same actions as for
 * hand-written ones). Parse failures show their reason and the raw output.
 */
export function ProposalSection({ actions, onEdit }: { actions: ReviewActions; onEdit: (id: string) => void }) {
  const { data, pending } = useReview();
  const q = useTraceProposals(data.traceId, false);
  const qc = useQueryClient();
  const proposals = q.data?.proposals ?? [];
  if (proposals.length === 0) return null;
  return (
    <section aria-label="Model proposals" className="space-y-2 rounded-lg border border-violet-200 bg-violet-50/40 p-3">
      <h2 className="text-sm font-semibold">Model proposals ({proposals.length})</h2>
      <div className="grid gap-2 lg:grid-cols-2">
        {proposals.map((p) => {
          const iv = p.interventionId ? data.interventions.find((i) => i.id === p.interventionId) : undefined;
          return (
            <div key={p.id} className="space-y-1.5">
              <ProposalCard p={iv ? { ...p, interventionStatus: iv.status } : p} />
              {p.parseOk && p.location !== null && p.content !== null && (
                <ProposalPreview text={data.text} location={p.location} content={p.content} />
              )}
              {p.outcome === "held_back" && !p.interventionId && p.content !== null && (
                <HeldBackEditor
                  sample={p.sample}
                  content={p.content}
                  answer={p.leakedAnswer ?? ""}
                  pending={pending}
                  onAccept={(text, done) =>
                    actions.acceptEdited(p.id, text, () => {
                      done();
                      void qc.invalidateQueries({ queryKey: proposalKeys.trace(data.traceId) });
                    })
                  }
                />
              )}
              {iv && (
                <div className="flex items-center gap-1.5" aria-label={`Decide proposal ${p.sample + 1}`} role="group">
                  <Button
                    size="xs"
                    variant="primary"
                    disabled={pending || iv.status === "accepted"}
                    onClick={() => actions.decide(iv.id, "accept")}
                  >
                    Accept
                  </Button>
                  <Button size="xs" disabled={pending} onClick={() => onEdit(iv.id)}>
                    Edit
                  </Button>
                  <Button
                    size="xs"
                    variant="ghost"
                    disabled={pending || iv.status === "rejected"}
                    onClick={() => actions.decide(iv.id, "reject")}
                  >
                    Reject
                  </Button>
                  <span className="text-xs text-slate-500">
                    intervention {iv.status}
                    {iv.content !== p.content && iv.status !== "edited" ? " (text edited)" : ""}
                  </span>
                </div>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
