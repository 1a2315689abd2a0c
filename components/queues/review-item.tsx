"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { acceptIntervention, rejectIntervention, updateIntervention } from "@/lib/actions/review";
import { completeQueueItem, skipQueueItem } from "@/lib/actions/queues";
import { useQueueNav } from "./use-queue-nav";

export type ReviewIv = {
  id: string;
  location: number;
  status: string;
  origin: string;
  author: string;
  content: string;
  version: number;
};

/** Review task: accept, edit or reject each intervention (the review screen's actions, audited), then Shift+A completes. */
export function ReviewItem({
  queueId,
  datasetId,
  traceId,
  interventions,
  bodies,
}: {
  queueId: string;
  datasetId: string;
  traceId: string;
  interventions: ReviewIv[];
  bodies: Record<string, ReactNode>;
}) {
  const router = useRouter();
  const { go, error, pending } = useQueueNav();
  const [msg, setMsg] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [busy, start] = useTransition();
  const run = (fn: () => Promise<{ ok: boolean; error?: string; data?: { message: string } }>) =>
    start(async () => {
      const r = await fn();
      setMsg(r.ok ? (r.data?.message ?? "Saved") : (r.error ?? "Refused"));
      if (r.ok) {
        setEditing(null);
        router.refresh();
      }
    });
  const base = { datasetId, traceId, stay: true };
  const done = () => go(() => completeQueueItem({ queueId, traceId }));
  const doneRef = useRef(done);
  doneRef.current = done;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest("input, textarea, select")) return;
      if (e.key === "A" && e.shiftKey) {
        e.preventDefault();
        doneRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <section aria-label="Interventions to review" className="space-y-2">
      {interventions.map((iv) => (
        <article key={iv.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <header className="mb-1 flex items-center gap-2 text-xs text-slate-600">
            <span className="font-semibold text-slate-800">Step {iv.location}</span>
            <span>
              {iv.origin}
              {iv.author ? ` · ${iv.author}` : ""}
            </span>
            <span data-testid="iv-status" className="rounded bg-slate-100 px-1">
              {iv.status}
            </span>
          </header>
          {editing === iv.id ? (
            <textarea
              aria-label="Intervention text"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              rows={5}
              className="block w-full rounded border border-slate-300 p-2 font-mono text-xs"
            />
          ) : (
            bodies[iv.id]
          )}
          <div className="mt-2 flex gap-2">
            {editing === iv.id ? (
              <>
                <Button
                  size="xs"
                  variant="primary"
                  disabled={busy}
                  onClick={() =>
                    run(() => updateIntervention({ ...base, id: iv.id, expectedVersion: iv.version, content: draft }))
                  }
                >
                  Save edit
                </Button>
                <Button size="xs" onClick={() => setEditing(null)}>
                  Cancel
                </Button>
              </>
            ) : (
              <>
                <Button
                  size="xs"
                  disabled={busy}
                  onClick={() => run(() => acceptIntervention({ ...base, id: iv.id, expectedVersion: iv.version }))}
                >
                  Accept
                </Button>
                <Button
                  size="xs"
                  disabled={busy}
                  onClick={() => {
                    setDraft(iv.content);
                    setEditing(iv.id);
                  }}
                >
                  Edit
                </Button>
                <Button
                  size="xs"
                  disabled={busy}
                  onClick={() => run(() => rejectIntervention({ ...base, id: iv.id, expectedVersion: iv.version }))}
                >
                  Reject
                </Button>
              </>
            )}
          </div>
        </article>
      ))}
      <div className="flex items-center gap-2">
        <Button variant="primary" disabled={pending} onClick={done}>
          Done, next <Kbd>Shift+A</Kbd>
        </Button>
        <Button disabled={pending} onClick={() => go(() => skipQueueItem({ queueId, traceId }))}>
          Skip
        </Button>
        {(msg || error) && (
          <span role="status" className="text-sm text-slate-700">
            {error ?? msg}
          </span>
        )}
      </div>
    </section>
  );
}
