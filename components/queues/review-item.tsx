"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { StepList } from "@/components/review/step-list";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { cn } from "@/components/ui/cn";
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

type Result = { ok: boolean; error?: string; data?: { message: string } };

/**
 * Review task: accept, edit or reject each intervention (the review screen's actions, audited), then Shift+A
 * completes. Keyboard first, with the review screen's keys: [ / ] move between interventions, a accepts, r rejects,
 * c edits (Ctrl+Enter saves, Escape cancels), s skips, Shift+A done and next. The trace's steps are below, each
 * intervention's step marked, so the step it replaces can be read.
 */
export function ReviewItem({
  queueId,
  datasetId,
  traceId,
  interventions,
  bodies,
  text,
  renderId,
}: {
  queueId: string;
  datasetId: string;
  traceId: string;
  interventions: ReviewIv[];
  bodies: Record<string, ReactNode>;
  text: string;
  renderId: string;
}) {
  const router = useRouter();
  const { go, error, pending } = useQueueNav();
  const [msg, setMsg] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [busy, start] = useTransition();
  const firstOpen = () =>
    Math.max(
      0,
      interventions.findIndex((i) => i.status === "proposed"),
    );
  const [focus, setFocus] = useState(firstOpen);
  const base = { datasetId, traceId, stay: true };
  const run = (fn: () => Promise<Result>) =>
    start(async () => {
      const r = await fn();
      setMsg(r.ok ? (r.data?.message ?? "Saved") : (r.error ?? "Refused"));
      if (r.ok) {
        setEditing(null);
        router.refresh();
      }
    });
  // after a decision the page re-renders with the new statuses: move on to the next one still proposed
  const statuses = interventions.map((i) => i.status).join();
  const [seen, setSeen] = useState(statuses);
  if (seen !== statuses) {
    setSeen(statuses);
    if (interventions[focus]?.status !== "proposed" && interventions.some((i) => i.status === "proposed"))
      setFocus(firstOpen());
  }

  const accept = (iv: ReviewIv) => run(() => acceptIntervention({ ...base, id: iv.id, expectedVersion: iv.version }));
  const reject = (iv: ReviewIv) => run(() => rejectIntervention({ ...base, id: iv.id, expectedVersion: iv.version }));
  const edit = (iv: ReviewIv) => {
    setFocus(interventions.indexOf(iv));
    setDraft(iv.content);
    setEditing(iv.id);
  };
  const save = (iv: ReviewIv) =>
    run(() => updateIntervention({ ...base, id: iv.id, expectedVersion: iv.version, content: draft }));
  const done = () => go(() => completeQueueItem({ queueId, traceId }));
  const skip = () => go(() => skipQueueItem({ queueId, traceId }));

  const keys = useRef({ accept, reject, edit, done, skip, focus, busy, pending, interventions });
  keys.current = { accept, reject, edit, done, skip, focus, busy, pending, interventions };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest("input, textarea, select") || e.metaKey || e.ctrlKey || e.altKey) return;
      const k = keys.current;
      const iv = k.interventions[k.focus];
      const n = k.interventions.length;
      const idle = !k.pending && !k.busy;
      if (e.key === "A" && e.shiftKey) {
        if (idle) k.done();
      } else if (e.key === "s") {
        if (idle) k.skip();
      } else if (e.key === "]" && n) setFocus((k.focus + 1) % n);
      else if (e.key === "[" && n) setFocus((k.focus - 1 + n) % n);
      else if (e.key === "a" && iv) {
        if (idle) k.accept(iv);
      } else if (e.key === "r" && iv) {
        if (idle) k.reject(iv);
      } else if (e.key === "c" && iv) k.edit(iv);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const open = interventions.filter((i) => i.status === "proposed").length;
  return (
    <div className="space-y-3">
      <section aria-label="Interventions to review" className="space-y-2">
        {interventions.length === 0 && (
          <p className="text-sm text-slate-600">No intervention on this trace any more: press Shift+A to move on.</p>
        )}
        {interventions.map((iv, i) => (
          <article
            key={iv.id}
            aria-label={`Intervention at step ${iv.location}`}
            aria-current={i === focus ? "true" : undefined}
            onClick={() => setFocus(i)}
            className={cn(
              "rounded-lg border bg-white p-3 text-sm",
              i === focus ? "border-indigo-400 ring-2 ring-indigo-200" : "border-slate-200",
            )}
          >
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
                autoFocus
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) save(iv);
                  else if (e.key === "Escape") setEditing(null);
                }}
                rows={5}
                className="block w-full rounded border border-slate-300 p-2 font-mono text-xs"
              />
            ) : (
              bodies[iv.id]
            )}
            <div className="mt-2 flex gap-2">
              {editing === iv.id ? (
                <>
                  <Button size="xs" variant="primary" disabled={busy} onClick={() => save(iv)}>
                    Save edit <Kbd>Ctrl+Enter</Kbd>
                  </Button>
                  <Button size="xs" onClick={() => setEditing(null)}>
                    Cancel <Kbd>Esc</Kbd>
                  </Button>
                </>
              ) : (
                <>
                  <Button size="xs" disabled={busy} onClick={() => accept(iv)}>
                    Accept <Kbd>a</Kbd>
                  </Button>
                  <Button size="xs" disabled={busy} onClick={() => edit(iv)}>
                    Edit <Kbd>c</Kbd>
                  </Button>
                  <Button size="xs" disabled={busy} onClick={() => reject(iv)}>
                    Reject <Kbd>r</Kbd>
                  </Button>
                </>
              )}
            </div>
          </article>
        ))}
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" disabled={pending} onClick={done}>
            Done, next <Kbd>Shift+A</Kbd>
          </Button>
          <Button disabled={pending} onClick={skip}>
            Skip <Kbd>s</Kbd>
          </Button>
          <span className="text-xs text-slate-500">
            {open === 0 ? "every intervention decided" : `${open} still proposed`} · <Kbd>[</Kbd> <Kbd>]</Kbd> move
          </span>
          {(msg || error) && (
            <span role="status" className="text-sm text-slate-700">
              {error ?? msg}
            </span>
          )}
        </div>
      </section>
      <section aria-label="Trace steps" className="rounded-lg border border-slate-200 bg-white">
        <StepList
          text={text}
          renderId={renderId}
          marks={{
            humanStep: null,
            imported: [],
            model: [],
            interventions: interventions.filter((i) => i.status !== "rejected").map((i) => i.location),
            comments: {},
          }}
        />
      </section>
    </div>
  );
}
