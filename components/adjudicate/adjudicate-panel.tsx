"use client";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { Adjudication, AdjudicationLabel } from "@/lib/data/adjudication";
import { setFinalLabelAction } from "@/lib/actions/adjudicate";
import { MathMarkdown } from "@/components/math/math-markdown";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { LabelTable, raterName, stepWords } from "./label-table";
import { adjudicationKeys, useAdjudication } from "./use-adjudication";

// The adjudicator's view of one trace: every label side by side (table + marks on the steps) and
// the final label form. Embedded by the adjudicate queue and by the trace's adjudicate page.

type Draft = {
  step: number | null | undefined;
  checkFactual: boolean;
  checkNotRecovered: boolean;
  note: string;
  from: string | null;
};

function initialDraft(a: Adjudication): Draft {
  if (a.final)
    return {
      step: a.final.step,
      checkFactual: !!a.final.checkFactual,
      checkNotRecovered: !!a.final.checkNotRecovered,
      note: a.final.note,
      from: null,
    };
  const people = a.labels.filter((l) => l.source === "human");
  const agreed = people.length > 0 && people.every((l) => l.step === people[0].step);
  return {
    step: agreed ? people[0].step : undefined,
    checkFactual: false,
    checkNotRecovered: false,
    note: "",
    from: null,
  };
}

export function AdjudicatePanel({ traceId, onDone }: { traceId: string; onDone: () => void }) {
  const q = useAdjudication(traceId);
  if (q.isPending) return <Skeleton className="h-64 w-full" />;
  if (q.isError)
    return (
      <p role="alert" className="rounded border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
        {q.error.message}
      </p>
    );
  // a new final version resets the form to what was saved
  return <AdjudicateForm key={`${traceId}:${q.data.final?.version ?? "none"}`} data={q.data} onDone={onDone} />;
}

function AdjudicateForm({ data, onDone }: { data: Adjudication; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(data));
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const qc = useQueryClient();
  const marks = (step: number | null) => data.labels.filter((l) => l.step === step);
  const take = (l: AdjudicationLabel) =>
    setDraft({
      step: l.step,
      checkFactual: !!l.checkFactual,
      checkNotRecovered: !!l.checkNotRecovered,
      note: draft.note,
      from: `${l.source}:${l.annotator}`,
    });
  const save = () => {
    if (draft.step === undefined) return setError("Pick the first error (a step or no error) first.");
    setError(null);
    start(async () => {
      const r = await setFinalLabelAction({
        traceId: data.traceId,
        step: draft.step ?? null,
        checkFactual: draft.step === null ? null : draft.checkFactual,
        checkNotRecovered: draft.step === null ? null : draft.checkNotRecovered,
        note: draft.note,
        from: draft.from,
        expectedVersion: data.final?.version ?? null,
      });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      await qc.invalidateQueries({ queryKey: adjudicationKeys.trace(data.traceId) });
      onDone();
    });
  };

  const choice = (step: number | null) => (
    <label className="flex shrink-0 items-center gap-1 text-xs font-medium text-slate-700">
      <input
        type="radio"
        name={`final-${data.traceId}`}
        checked={draft.step === step}
        onChange={() => setDraft({ ...draft, step, from: null })}
      />
      {step === null ? "no error" : `step ${step}`}
    </label>
  );
  const chips = (step: number | null) => (
    <span className="flex flex-wrap gap-1">
      {marks(step).map((l) => (
        <span
          key={`${l.source}:${l.annotator}`}
          className={cn(
            "rounded px-1 text-[10px] font-bold",
            l.source === "human"
              ? "bg-rose-100 text-rose-800"
              : l.source === "model"
                ? "bg-violet-100 text-violet-800"
                : "bg-sky-100 text-sky-800",
          )}
        >
          {raterName(l)}
        </span>
      ))}
    </span>
  );

  return (
    <section aria-label="Adjudicate" className="space-y-3">
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <h2 className="mb-1 text-sm font-semibold">Labels</h2>
        <p className="mb-2 text-xs text-slate-500" data-testid="final-status">
          {data.final ? `Final label: ${stepWords(data.final.step)}` : "No final label yet"}
        </p>
        <LabelTable labels={data.labels} onTake={take} />
      </div>
      <fieldset className="rounded-lg border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-semibold">Final first error</legend>
        <ol className="space-y-1">
          {data.steps.map((text, i) => (
            <li
              key={i}
              className={cn(
                "flex gap-2 rounded border-l-4 p-1.5",
                draft.step === i + 1 ? "border-rose-500 bg-rose-50/60" : "border-transparent",
              )}
            >
              <div className="w-20 space-y-1">
                {choice(i + 1)}
                {chips(i + 1)}
              </div>
              <div className="min-w-0 flex-1 text-sm">
                <MathMarkdown text={text} />
              </div>
            </li>
          ))}
          <li
            className={cn(
              "flex gap-2 rounded border-l-4 p-1.5",
              draft.step === null ? "border-emerald-500 bg-emerald-50/60" : "border-transparent",
            )}
          >
            <div className="w-20 space-y-1">
              {choice(null)}
              {chips(null)}
            </div>
            <p className="text-xs text-slate-500">The attempt has no critical error.</p>
          </li>
        </ol>
      </fieldset>
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            disabled={draft.step === null}
            checked={draft.checkFactual}
            onChange={(e) => setDraft({ ...draft, checkFactual: e.target.checked })}
          />
          Factual error or logical fallacy that invalidates the reasoning
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            disabled={draft.step === null}
            checked={draft.checkNotRecovered}
            onChange={(e) => setDraft({ ...draft, checkNotRecovered: e.target.checked })}
          />
          Not recovered later
        </label>
        <label className="block text-sm">
          <span className="text-xs text-slate-500">Adjudication note</span>
          <textarea
            className="mt-0.5 w-full rounded border border-slate-300 p-1.5 text-sm"
            rows={2}
            value={draft.note}
            onChange={(e) => setDraft({ ...draft, note: e.target.value })}
          />
        </label>
        {error && (
          <p role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        )}
        <div className="flex items-center gap-2">
          <Button variant="primary" disabled={pending || draft.step === undefined} onClick={save}>
            {pending
              ? "Saving…"
              : draft.step === undefined
                ? "Set final label"
                : `Set final label: ${stepWords(draft.step)}`}
          </Button>
          {draft.from && <span className="text-xs text-slate-500">taken from {draft.from.replace(/^human:/, "")}</span>}
        </div>
      </div>
    </section>
  );
}
