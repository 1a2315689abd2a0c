"use client";
import { Button } from "@/components/ui/button";
import { startQueue } from "@/lib/actions/queues";
import { useQueueNav } from "./use-queue-nav";

export function StartButton({ queueId, label = "Start" }: { queueId: string; label?: string }) {
  const { go, error, pending } = useQueueNav();
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="primary" disabled={pending} onClick={() => go(() => startQueue({ queueId }))}>
        {pending ? "Taking the next item…" : label}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-rose-700">
          {error}
        </span>
      )}
    </span>
  );
}
