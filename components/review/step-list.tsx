"use client";
import { Fragment, Suspense, memo, useMemo } from "react";
import { splitSteps } from "@/lib/core/steps";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { DualText } from "./dual-text";
import { RENDER_AT_ONCE } from "@/components/math/render-queue";
import { MathBudgetContext } from "@/components/math/math-budget";
import { PageBudget } from "@/lib/render/budget";
import { useServerTurn } from "./server-turn";
import { describeCount, type CommentCount } from "@/lib/core/comments/marks";

export type StepMarks = {
  humanStep: number | null; // the trace's human first error
  imported: number[];
  model: number[];
  interventions: number[]; // locations of non-rejected interventions
  comments: Record<number, CommentCount>; // comments anchored to a step (lib/core/comments/marks.ts)
};

const FIRST = 20; // steps in the first flush: what the reader sees first
const CHUNK = 60;

function Mark({ tone, label, title }: { tone: string; label: string; title: string }) {
  return (
    <span title={title} aria-label={title} className={cn("rounded px-1 text-[10px] font-bold leading-4", tone)}>
      {label}
    </span>
  );
}

function Step({ n, text, marks }: { n: number; text: string; marks: StepMarks }) {
  const human = marks.humanStep === n;
  const after = marks.humanStep !== null && n > marks.humanStep;
  return (
    <div
      data-step={n}
      id={`step-${n}`}
      className={cn(
        // .step-row (globals.css): off-screen steps skip layout and paint, so a 400-step trace
        // stays cheap to scroll and to toggle raw.
        "step-row",
        human && "border-rose-500 bg-rose-50/60",
        after && "text-slate-500",
      )}
    >
      <div className="step-gutter">
        <button
          type="button"
          data-mark-step={n}
          aria-label={`Mark step ${n} as first error`}
          title={`Step ${n}: click to mark as the first critical error`}
          className={cn("step-num", human && "bg-rose-600 text-white hover:bg-rose-700")}
        >
          {n}
        </button>
        <div className="step-marks">
          {human && <Mark tone="bg-rose-600 text-white" label="H" title="human first error" />}
          {marks.imported.includes(n) && (
            <Mark tone="bg-amber-400 text-amber-950" label="I" title="imported first-error label" />
          )}
          {marks.model.includes(n) && (
            <Mark tone="bg-violet-500 text-white" label="M" title="model first-error label" />
          )}
          {marks.interventions.includes(n) && (
            <Mark tone="bg-sky-500 text-white" label="✎" title="intervention at this step" />
          )}
          {marks.comments[n] && (
            <Mark
              tone={marks.comments[n].open ? "bg-amber-500 text-white" : "bg-slate-200 text-slate-600"}
              label={`C${marks.comments[n].total > 1 ? marks.comments[n].total : ""}`}
              title={`step ${n}: ${describeCount(marks.comments[n])}`}
            />
          )}
        </div>
      </div>
      {/* After the first flush's steps, math renders when the browser is idle on a client-side
          navigation: the next trace shows at once, its later formulas follow. */}
      <DualText text={text} empty="(empty step)" defer={n > RENDER_AT_ONCE} />
    </div>
  );
}

const fallback = (
  <div className="space-y-2 p-3">
    <Skeleton className="h-4 w-3/4" />
    <Skeleton className="h-4 w-1/2" />
  </div>
);

/**
 * Steps [start, start + steps.length); on the server they wait for their turn (server-turn.ts).
 * Memoised, and given the same `steps` array on every render of the list: a Suspense boundary
 * whose server HTML has not hydrated yet (the page is still streaming in) is thrown away and
 * rendered again in the browser when its props change, and then its later steps showed as
 * written until their math was redone when idle: the math flickered on full page loads.
 */
const Chunk = memo(function Chunk({
  renderId,
  index,
  start,
  steps,
  marks,
}: {
  renderId: string;
  index: number;
  start: number;
  steps: string[];
  marks: StepMarks;
}) {
  useServerTurn(renderId, index);
  return (
    <>
      {steps.map((s, i) => (
        <li key={start + i}>
          <Step n={start + i + 1} text={s} marks={marks} />
        </li>
      ))}
    </>
  );
});

/**
 * The trace's steps, numbered 1..n. The text travels to the browser once (as this component's
 * prop); the steps are rendered from it on the server: the first FIRST with the page, the rest
 * chunk by chunk after it has been sent (server-turn.ts).
 * Memoised: selection changes in the review shell never re-render the steps.
 */
export const StepList = memo(function StepList({
  text,
  marks,
  renderId,
}: {
  text: string;
  marks: StepMarks;
  renderId: string;
}) {
  const steps = useMemo(() => splitSteps(text), [text]);
  // One math budget for all the steps of this trace, on the server across the streamed chunks
  // and in the browser across the idle renders (lib/render/budget.ts).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh budget per trace: `text` is the trace
  const budget = useMemo(() => new PageBudget(), [text]);
  const chunks = useMemo(() => {
    const out: { start: number; steps: string[] }[] = [];
    for (let i = FIRST; i < steps.length; i += CHUNK) out.push({ start: i, steps: steps.slice(i, i + CHUNK) });
    return out;
  }, [steps]);
  return (
    <MathBudgetContext value={budget}>
      <ol
        aria-label={`${steps.length} steps`}
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      >
        {steps.slice(0, FIRST).map((s, i) => (
          <li key={i}>
            <Step n={i + 1} text={s} marks={marks} />
          </li>
        ))}
        {chunks.map((c, i) => (
          <Fragment key={c.start}>
            <Suspense fallback={<li>{fallback}</li>}>
              <Chunk renderId={renderId} index={i} start={c.start} steps={c.steps} marks={marks} />
            </Suspense>
          </Fragment>
        ))}
      </ol>
    </MathBudgetContext>
  );
});
