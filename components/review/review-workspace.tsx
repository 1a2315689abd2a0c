"use client";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { ReviewContext, type LabelForm, type ReviewState } from "./review-context";
import { useReviewActions } from "./use-review-actions";
import { useReviewKeys } from "./use-review-keys";
import { LabelPanel } from "./label-panel";
import { InterventionList } from "./intervention-list";
import { InterventionComposer } from "./intervention-composer";
import { Cheatsheet } from "./cheatsheet";
import { EndOfList } from "./end-of-list";
import { ReviewToolbar } from "./review-toolbar";
import { StepList, type StepMarks } from "./step-list";
import { ModelPanel } from "@/components/proposals/model-panel";
import { ProposalSection } from "@/components/proposals/proposal-section";
import type { Composer, ReviewData } from "./types";
import { baseLabel } from "./edit-base";
import { TraceComments } from "@/components/comments/trace-comments";
import { useTraceComments } from "@/components/comments/use-trace-comments";
import { commentMarks } from "@/lib/core/comments/marks";
import { goToTrace, useScrollTopOnArrival } from "./go-to-trace";
import { defaultFocus, initialForm, stepMarks } from "./review-start";
import { usePrefetchAhead } from "./use-prefetch-ahead";
import { useSelectedStep } from "./use-selected-step";

/**
 * The client shell of the review screen. The problem and the reference arrive as server-rendered
 * children; the steps are rendered by the memoised StepList from the trace text: changing the
 * selection re-renders this shell only, never the (possibly 400) steps; the selected step is
 * marked with aria-current straight on the DOM.
 */
export function ReviewWorkspace({
  data,
  renderId,
  problem,
  reference,
  ivBodies,
  header,
}: {
  data: ReviewData;
  renderId: string;
  problem: ReactNode;
  reference: ReactNode;
  ivBodies: Record<string, ReactNode>;
  header: ReactNode;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState(() => data.humanStep ?? 1);
  const [mode, setMode] = useState<"rendered" | "raw">("rendered");
  const [form, setFormState] = useState(() => initialForm(data));
  const [composer, setComposer] = useState<Composer | null>(null);
  const [focusIv, setFocusIv] = useState<string | null>(() => defaultFocus(data));
  const [cheatsheet, setCheatsheet] = useState(false);
  const [atEnd, setAtEnd] = useState(false); // n / Shift+A / Shift+R found no next trace
  const stepsRef = useRef<HTMLDivElement>(null);
  const act = useReviewActions(data, form, composer, setComposer);
  // Stable while the marks are the same (a new `data` object with equal marks must not re-render
  // the steps: a step chunk still hydrating would be thrown away and rendered again, see step-list.tsx)
  // the server's thread first (so the first render's marks match the server HTML), then react-query's
  // blind: the server withholds the thread (a comment can name a label), so it is not asked for
  const thread = useTraceComments(data.traceId, data.comments ?? undefined, !data.blind).data;
  const cMarks = useMemo(() => commentMarks(thread?.comments ?? []), [thread]);
  const marksKey = JSON.stringify(stepMarks(data, cMarks));
  const marks = useMemo(() => JSON.parse(marksKey) as StepMarks, [marksKey]);

  // Fresh server data after a write: keep the form in step with the saved label. Only on a
  // change, never on mount (the form starts from the same data): a new form object on mount
  // changed the review context while the page was still hydrating (see the providers below).
  const labelKey = `${data.myLabel?.version ?? "none"}:${data.myLabel?.step ?? "-"}`;
  const [formFor, setFormFor] = useState(labelKey);
  if (formFor !== labelKey) {
    setFormFor(labelKey);
    setFormState(initialForm(data));
  }
  useEffect(() => {
    if (!focusIv || !data.interventions.some((i) => i.id === focusIv)) setFocusIv(defaultFocus(data));
  }, [data, focusIv]);

  useScrollTopOnArrival();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  usePrefetchAhead(data.nextHref, data.afterNextHref);
  const select = useSelectedStep(stepsRef, selected, setSelected, data.stepCount, data);

  const setForm = useCallback((f: Partial<LabelForm>) => setFormState((s) => ({ ...s, ...f })), []);
  const toggleMode = useCallback(() => setMode((m) => (m === "raw" ? "rendered" : "raw")), []);

  const openNew = (location: number) => setComposer({ kind: "new", location, content: "" });
  const openEdit = (id: string | null) => {
    const iv = data.interventions.find((i) => i.id === id);
    if (iv)
      setComposer({
        kind: "edit",
        id: iv.id,
        expectedVersion: iv.version,
        location: iv.location,
        content: iv.content,
        original: iv.content,
        base: iv.originalContent ?? iv.content,
        baseLabel: baseLabel(iv.origin),
      });
  };
  const cycleIv = (d: 1 | -1) => {
    const ids = data.interventions.map((i) => i.id);
    if (ids.length) setFocusIv(ids[(Math.max(0, ids.indexOf(focusIv ?? "")) + d + ids.length) % ids.length]);
  };
  const go = (href: string | null) => href && goToTrace(router, href);
  const decide = (d: "accept" | "reject", advance = false) => {
    if (!focusIv)
      return act.setFlash({ kind: "error", text: "No intervention on this trace yet: press i to write one" });
    act.decide(focusIv, d, advance);
    if (advance && !data.nextHref) setAtEnd(true);
  };

  useReviewKeys({
    j: () => select(selected + 1),
    ArrowDown: () => select(selected + 1),
    k: () => select(selected - 1),
    ArrowUp: () => select(selected - 1),
    n: () => (data.nextHref ? go(data.nextHref) : setAtEnd(true)),
    p: () => go(data.prevHref),
    g: () => router.push(data.listHref), // another page: Next scrolls it as usual
    e: () => act.label(selected),
    "0": () => act.label(null),
    i: () => openNew(selected),
    w: () => openNew(selected),
    c: () => openEdit(focusIv),
    "[": () => cycleIv(-1),
    "]": () => cycleIv(1),
    a: () => decide("accept"),
    r: () => decide("reject"),
    A: () => decide("accept", true),
    R: () => decide("reject", true),
    Enter: () =>
      composer
        ? act.saveComposer()
        : data.myLabel
          ? act.label(data.myLabel.step)
          : act.setFlash({
              kind: "error",
              text: "Mark a step first: e (first error at the selected step) or 0 (no error)",
            }),
    Escape: () => setComposer(null),
    u: () => act.undo(),
    t: toggleMode,
    "?": () => setCheatsheet(!cheatsheet),
  });

  const onStepsClick = (e: React.MouseEvent) => {
    const t = e.target as HTMLElement;
    const mark = t.closest<HTMLElement>("[data-mark-step]");
    if (mark) return act.label(Number(mark.dataset.markStep));
    const step = t.closest<HTMLElement>("[data-step]");
    if (step) select(Number(step.dataset.step));
  };

  const state: ReviewState = useMemo(
    () => ({
      data,
      selected,
      select,
      mode,
      toggleMode,
      form,
      setForm,
      composer,
      setComposer,
      focusIv,
      setFocusIv,
      flash: act.flash,
      pending: act.pending,
      cheatsheet,
      setCheatsheet,
    }),
    [data, selected, select, mode, toggleMode, form, setForm, composer, focusIv, act.flash, act.pending, cheatsheet],
  );

  // The review context is provided around the parts that read it, never around the steps. A
  // context change propagates into every Suspense boundary below its provider that has not
  // hydrated yet, and React then throws that boundary's server HTML away and renders it again
  // in the browser: on a full load of a long trace (still streaming under load) hundreds of
  // steps went back to "as written" and had their math redone when idle (issue 14 §4).
  const provide = (children: ReactNode) => <ReviewContext.Provider value={state}>{children}</ReviewContext.Provider>;
  return (
    <div
      data-mode={mode}
      data-ready={ready ? "1" : undefined}
      data-selected={selected}
      className="group/review space-y-3"
    >
      {provide(
        <>
          <ReviewToolbar header={header} actions={act} />
          {atEnd && <EndOfList datasetId={data.datasetId} listHref={data.listHref} onClose={() => setAtEnd(false)} />}
          {problem}
        </>,
      )}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_20rem]">
        <section aria-label="Trace steps" ref={stepsRef} onClick={onStepsClick} className="min-w-0">
          <StepList text={data.text} marks={marks} renderId={renderId} />
        </section>
        {provide(
          <>
            <aside
              aria-label="Reference solution"
              className="min-w-0 xl:sticky xl:top-14 xl:h-[calc(100vh-4.5rem)] xl:overflow-y-auto rounded-lg border border-slate-200 bg-white"
            >
              {reference}
            </aside>
            <aside
              aria-label="Curation"
              className="space-y-3 xl:sticky xl:top-14 xl:h-[calc(100vh-4.5rem)] xl:overflow-y-auto"
            >
              <LabelPanel actions={act} />
              {!data.blind && <ModelPanel />}
              <InterventionList
                actions={act}
                bodies={ivBodies}
                onEdit={openEdit}
                onNew={() => openNew(data.humanStep ?? selected)}
                comments={cMarks.interventions}
              />
              {!data.blind && <TraceComments traceId={data.traceId} initialData={data.comments ?? undefined} />}
            </aside>
          </>,
        )}
      </div>
      {provide(
        <>
          {!data.blind && <ProposalSection actions={act} onEdit={openEdit} />}
          {composer && <InterventionComposer actions={act} />}
          <Cheatsheet />
        </>,
      )}
    </div>
  );
}
