"use client";
import { Button } from "@/components/ui/button";

// PLACEHOLDER (queues branch): the agreement engineer's adjudication panel replaces this file at
// merge. Only the props type is the contract: the adjudicate queue screen renders
// <AdjudicatePanel traceId={...} onDone={...} />, and the panel sets the final label
// (FirstErrorLabel source "final" through lib/data/final-label.ts) before it calls onDone.
export type AdjudicatePanelProps = { traceId: string; onDone: () => void };

export function AdjudicatePanel({ traceId, onDone }: AdjudicatePanelProps) {
  return (
    <section aria-label="Adjudicate" data-placeholder="adjudicate-panel" className="rounded-lg border border-dashed border-amber-400 bg-amber-50 p-3 text-sm">
      <p className="mb-2 text-amber-900">Placeholder for the adjudication panel (trace {traceId}): it is replaced at merge.</p>
      <Button onClick={onDone}>Done</Button>
    </section>
  );
}
