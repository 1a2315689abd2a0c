"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { StepList } from "@/components/review/step-list";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { skipQueueItem, submitQueueLabelAction } from "@/lib/actions/queues";
import { useQueueNav } from "./use-queue-nav";

type Mine = {
  step: number | null;
  checkFactual: boolean | null;
  checkNotRecovered: boolean | null;
  note: string;
  unsure: boolean;
} | null;

/**
 * The label task's screen: click a step number (or j/k then e) to mark the first critical error,
 * 0 for "no error", Shift+A submits and takes the next item, s skips it. Other people's, the
 * model's and the imported labels are not on this page when the queue is blind (the server never
 * sends them); `others` is shown only when the queue is not blind.
 */
export function LabelItem({
  queueId,
  traceId,
  text,
  stepCount,
  mine,
  others,
  renderId,
}: {
  queueId: string;
  traceId: string;
  text: string;
  stepCount: number;
  mine: Mine;
  others: ReactNode;
  renderId: string;
}) {
  const { go, error, pending } = useQueueNav();
  const [step, setStep] = useState<number | null | undefined>(mine ? mine.step : undefined); // undefined = not chosen yet
  const [cursor, setCursor] = useState(mine?.step ?? 1);
  const [factual, setFactual] = useState(mine?.checkFactual ?? true);
  const [notRecovered, setNotRecovered] = useState(mine?.checkNotRecovered ?? true);
  const [unsure, setUnsure] = useState(mine?.unsure ?? false);
  const [note, setNote] = useState(mine?.note ?? "");
  const [hint, setHint] = useState<string | null>(null);
  const stateRef = useRef({ step, factual, notRecovered, unsure, note, cursor, pending });
  stateRef.current = { step, factual, notRecovered, unsure, note, cursor, pending };

  const submit = () => {
    const s = stateRef.current;
    if (s.pending) return;
    if (s.step === undefined)
      return setHint("Mark the first critical error (click a step number, or e) or press 0 for no error first");
    setHint(null);
    go(() =>
      submitQueueLabelAction({
        queueId,
        traceId,
        step: s.step ?? null,
        note: s.note,
        unsure: s.unsure,
        checkFactual: s.step === null ? null : s.factual,
        checkNotRecovered: s.step === null ? null : s.notRecovered,
      }),
    );
  };
  const skip = () => !stateRef.current.pending && go(() => skipQueueItem({ queueId, traceId }));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest("input, textarea, select") || e.metaKey || e.ctrlKey || e.altKey) return;
      const c = stateRef.current.cursor;
      if (e.key === "A" && e.shiftKey) submit();
      else if (e.key === "j") setCursor(Math.min(stepCount, c + 1));
      else if (e.key === "k") setCursor(Math.max(1, c - 1));
      else if (e.key === "e") setStep(c);
      else if (e.key === "0") setStep(null);
      else if (e.key === "s") skip();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stepCount]);

  // a block body: an arrow expression here returned `true` after minification (`null == el || ...`)
  // when the step is not in the page, and React called it as the effect's cleanup
  useEffect(() => {
    document.getElementById(`step-${cursor}`)?.scrollIntoView({ block: "nearest" });
  }, [cursor]);

  const onClick = (e: React.MouseEvent) => {
    const b = (e.target as HTMLElement).closest<HTMLElement>("[data-mark-step]");
    if (!b) return;
    const n = Number(b.dataset.markStep);
    setStep(n);
    setCursor(n);
  };

  return (
    <div className="space-y-2">
      <aside
        aria-label="Your label"
        className="sticky top-0 z-10 space-y-2 rounded-lg border border-slate-200 bg-white/95 p-3 text-sm shadow-sm"
      >
        <p data-testid="my-choice" className="font-medium">
          {step === undefined ? "No label yet" : step === null ? "No error" : `First error: step ${step}`}
        </p>
        <div className="flex gap-2">
          <Button size="xs" onClick={() => setStep(cursor)}>
            Mark step {cursor} <Kbd>e</Kbd>
          </Button>
          <Button size="xs" onClick={() => setStep(null)}>
            No error <Kbd>0</Kbd>
          </Button>
        </div>
        {typeof step === "number" && (
          <fieldset className="space-y-1">
            <label className="flex gap-2">
              <input type="checkbox" checked={factual} onChange={(e) => setFactual(e.target.checked)} /> a factual error
              or logical fallacy
            </label>
            <label className="flex gap-2">
              <input type="checkbox" checked={notRecovered} onChange={(e) => setNotRecovered(e.target.checked)} /> not
              recovered later
            </label>
          </fieldset>
        )}
        <label className="flex gap-2">
          <input type="checkbox" checked={unsure} onChange={(e) => setUnsure(e.target.checked)} /> unsure
        </label>
        <label className="block">
          Note
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={10_000}
            className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" disabled={pending} onClick={submit}>
            Submit and next <Kbd>Shift+A</Kbd>
          </Button>
          <Button disabled={pending} onClick={skip}>
            Skip <Kbd>s</Kbd>
          </Button>
        </div>
        <p className="text-xs text-slate-500">
          <Kbd>j</Kbd>/<Kbd>k</Kbd> move between steps ({cursor} of {stepCount})
        </p>
        {(hint || error) && (
          <p role="alert" className="text-rose-700">
            {hint ?? error}
          </p>
        )}
        {others}
      </aside>
      <div onClick={onClick} className="[&_[data-step]]:scroll-mt-24">
        <style>{`[data-queue-cursor="${cursor}"] #step-${cursor} { outline: 2px solid #6366f1; outline-offset: -2px; }`}</style>
        <div data-queue-cursor={cursor}>
          <StepList
            text={text}
            renderId={renderId}
            marks={{ humanStep: step ?? null, imported: [], model: [], interventions: [], comments: {} }}
          />
        </div>
      </div>
    </div>
  );
}
