"use client";
import { useCallback, useEffect, type RefObject } from "react";

/**
 * The selected step: `select` clamps to the trace's steps, and the step is marked with aria-current straight on the
 * DOM (and scrolled into view), so changing the selection never re-renders the (possibly 400) steps. `refresh`
 * (the page's data) marks it again after a new render of the steps.
 */
export function useSelectedStep(
  stepsRef: RefObject<HTMLDivElement | null>,
  selected: number,
  setSelected: (step: number) => void,
  stepCount: number,
  refresh: unknown,
): (step: number) => void {
  const select = useCallback(
    (step: number) => setSelected(Math.min(Math.max(1, step), stepCount)),
    [stepCount, setSelected],
  );
  useEffect(() => {
    const root = stepsRef.current;
    if (!root) return;
    let frame = 0;
    let tries = 0;
    const mark = () => {
      const el = root.querySelector(`[data-step="${selected}"]`);
      // Later steps stream in after hydration: retry for a short while.
      if (!el) return void (tries++ < 120 && (frame = requestAnimationFrame(mark)));
      root.querySelector('[aria-current="step"]')?.removeAttribute("aria-current");
      el.setAttribute("aria-current", "step");
      el.scrollIntoView({ block: "nearest" });
    };
    mark();
    return () => cancelAnimationFrame(frame);
  }, [stepsRef, selected, refresh]);

  return select;
}
