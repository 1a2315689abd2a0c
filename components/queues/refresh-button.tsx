"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { refreshQueueAction } from "@/lib/actions/queues";

/** Curators: add the traces that match the queue now (new labels, imports, proposals) at its end. */
export function RefreshButton({ queueId }: { queueId: string }) {
  const router = useRouter();
  const [msg, setMsg] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await refreshQueueAction({ queueId });
            setMsg(r.ok ? `${r.data.added} new items` : r.error);
            router.refresh();
          })
        }
      >
        Refresh items
      </Button>
      {msg && (
        <span role="status" className="text-sm text-slate-600">
          {msg}
        </span>
      )}
    </span>
  );
}
