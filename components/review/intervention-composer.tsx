"use client";
import dynamic from "next/dynamic";
import { useDeferredValue, useMemo } from "react";
import { splitSteps } from "@/lib/core/steps";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useReview } from "./review-context";
import { GuidedPreview } from "./guided-preview";
import type { ReviewActions } from "./use-review-actions";

const DiffView = dynamic(() => import("./diff-view").then((m) => m.DiffView), {
  ssr: false,
  loading: () => <p className="text-xs text-slate-500">Loading diff…</p>,
});

const DIFF_BOX =
  "min-h-0 flex-1 overflow-y-auto rounded border border-slate-200 [&_table]:w-full [&_table]:table-fixed";

/**
 * Writing or editing an intervention: the text, a live rendered preview in the guided attempt
 * it yields, and word diffs: "model proposal -> my edit" (when editing) beside
 * "replaced step -> intervention".
 */
export function InterventionComposer({ actions }: { actions: ReviewActions }) {
  const { data, composer, setComposer, pending } = useReview();
  const steps = useMemo(() => splitSteps(data.text), [data.text]);
  const content = useDeferredValue(composer?.content ?? "");
  const location = composer?.location ?? 1;
  const valid = Number.isInteger(location) && location >= 1 && location <= steps.length;
  if (!composer) return null;

  const set = (p: { content?: string; location?: number }) => setComposer({ ...composer, ...p });
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      setComposer(null);
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      actions.saveComposer();
    }
  };
  const title = composer.kind === "new" ? "New intervention" : "Edit intervention";
  const edit = composer.kind === "edit" ? composer : null;

  return (
    <section
      role="region"
      aria-label={title}
      onKeyDown={onKey}
      className="fixed inset-x-0 bottom-0 z-30 grid h-[56vh] grid-cols-1 gap-3 border-t-2 border-indigo-300 bg-white p-3 shadow-2xl lg:grid-cols-3"
    >
      <div className="flex min-h-0 flex-col gap-2 text-sm">
        <div className="flex items-center gap-2">
          <h2 className="font-semibold">{title}</h2>
          <label className="ml-auto flex items-center gap-1">
            replaces step
            <input
              type="number"
              aria-label="Location (step)"
              min={1}
              max={steps.length}
              value={location}
              onChange={(e) => set({ location: Number(e.target.value) })}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  actions.saveComposer();
                }
              }}
              className="w-16 rounded border border-slate-300 px-1"
            />
            <span className="text-slate-500">of {steps.length}</span>
          </label>
        </div>
        <textarea
          autoFocus
          aria-label="Intervention content"
          value={composer.content}
          onChange={(e) => set({ content: e.target.value })}
          placeholder="One replacement step, in the student's voice; no final answer."
          className="min-h-0 flex-1 resize-none rounded border border-slate-300 p-2 font-mono text-sm"
        />
        <div className="flex items-center gap-2">
          <Button variant="primary" size="sm" disabled={pending || !valid} onClick={actions.saveComposer}>
            Save <Kbd>Ctrl+Enter</Kbd>
          </Button>
          <Button size="sm" onClick={() => setComposer(null)}>
            Cancel <Kbd>Esc</Kbd>
          </Button>
          {!valid && <span className="text-xs text-rose-700">Location must be 1..{steps.length}</span>}
        </div>
      </div>
      <div className="flex min-h-0 flex-col gap-1 text-sm">
        <h3 className="text-xs font-medium text-slate-500">
          Preview: the guided attempt (method.md §4: prefix + intervention, suffix dropped)
        </h3>
        {valid ? (
          <GuidedPreview text={data.text} location={location} content={content} />
        ) : (
          <p className="text-xs text-slate-500">Pick a step 1..{steps.length}.</p>
        )}
      </div>
      <div className="flex min-h-0 flex-col gap-2 text-sm">
        {edit && (
          <div data-testid="edit-diff" className="flex min-h-0 flex-1 flex-col">
            <h3 className="text-xs font-medium text-slate-500">Diff: {edit.baseLabel} → my edit</h3>
            <div className={DIFF_BOX}>
              <DiffView before={edit.base} after={content} title={`${edit.baseLabel} → my edit`} />
            </div>
          </div>
        )}
        <div data-testid="step-diff" className="flex min-h-0 flex-1 flex-col">
          <h3 className="text-xs font-medium text-slate-500">Diff: step {valid ? location : "?"} → intervention</h3>
          <div className={DIFF_BOX}>{valid && <DiffView before={steps[location - 1]} after={content} />}</div>
        </div>
      </div>
    </section>
  );
}
