"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useReview, type LabelForm } from "./review-context";
import type { ReviewActions } from "./use-review-actions";

const stepText = (s: number | null) => (s === null ? "no error" : `step ${s}`);

function Check({ name, label, hint }: { name: keyof LabelForm; label: string; hint?: string }) {
  const { form, setForm } = useReview();
  return (
    <label className="flex items-start gap-2" title={hint}>
      <input
        type="checkbox"
        className="mt-0.5"
        checked={Boolean(form[name])}
        onChange={(e) => setForm({ [name]: e.target.checked })}
      />
      <span>{label}</span>
    </label>
  );
}

export function LabelPanel({ actions }: { actions: ReviewActions }) {
  const { data, selected, form, setForm, pending } = useReview();
  const mine = data.myLabel;
  return (
    <section
      aria-label="First error label"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="font-semibold">First critical error</h2>
        <span data-testid="my-label" className={mine ? "font-medium text-rose-700" : "text-slate-500"}>
          {mine ? `You: ${stepText(mine.step)}` : "not labelled by you"}
        </span>
      </div>
      {data.blind && (
        <p role="note" data-testid="blind-notice" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
          {data.blind.notice}.
          {data.blind.queues.map((q) => (
            <Link key={q.id} href={`/queues/${q.id}`} className="ml-2 text-indigo-700 hover:underline">
              Open {q.name}
            </Link>
          ))}
        </p>
      )}
      {data.otherLabels.length > 0 && (
        <ul className="space-y-0.5 text-xs text-slate-600">
          {data.otherLabels.map((l) => (
            <li key={`${l.source}:${l.annotator}`}>
              {l.source === "human"
                ? l.annotator
                : l.source === "final"
                  ? "final (adjudicated)"
                  : `${l.source} (${l.annotator})`}
              : {stepText(l.step)}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="xs" variant="primary" disabled={pending} onClick={() => actions.label(selected)}>
          Mark step {selected} <Kbd>e</Kbd>
        </Button>
        <Button size="xs" disabled={pending} onClick={() => actions.label(null)}>
          No error <Kbd>0</Kbd>
        </Button>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium text-slate-500">Checks (method.md)</legend>
        <Check name="checkFactual" label="Factual error or logical fallacy that invalidates the reasoning" />
        <Check name="checkNotRecovered" label="Not recovered later (no later step corrects it)" />
      </fieldset>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="text-xs font-medium text-slate-500">Flags</legend>
        <Check name="badProblem" label="bad problem" />
        <Check name="badReference" label="bad reference" />
        <Check name="unsure" label="unsure" />
      </fieldset>
      <label className="block">
        <span className="text-xs font-medium text-slate-500">Note</span>
        <textarea
          rows={2}
          value={form.note}
          onChange={(e) => setForm({ note: e.target.value })}
          className="mt-0.5 w-full rounded border border-slate-300 p-1 text-sm"
        />
      </label>
      {mine && (
        <Button size="xs" disabled={pending} onClick={() => actions.label(mine.step)}>
          Save checks, flags and note <Kbd>Enter</Kbd>
        </Button>
      )}
    </section>
  );
}
