"use client";
import { AdjudicatePanel } from "@/components/adjudicate/adjudicate-panel";
import { Button } from "@/components/ui/button";
import { completeQueueItem, skipQueueItem } from "@/lib/actions/queues";
import { useQueueNav } from "./use-queue-nav";

/** Adjudicate task: the agreement engineer's panel sets the final label; its onDone completes the item and moves on. */
export function AdjudicateItem({ queueId, traceId }: { queueId: string; traceId: string }) {
  const { go, error, pending } = useQueueNav();
  return (
    <div className="space-y-2">
      <AdjudicatePanel traceId={traceId} onDone={() => go(() => completeQueueItem({ queueId, traceId }))} />
      <div className="flex items-center gap-2">
        <Button disabled={pending} onClick={() => go(() => skipQueueItem({ queueId, traceId }))}>
          Skip
        </Button>
        {error && (
          <span role="alert" className="text-sm text-rose-700">
            {error}
          </span>
        )}
      </div>
    </div>
  );
}
