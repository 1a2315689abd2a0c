"use client";
import { useEffect, useRef } from "react";

export type KeyMap = Record<string, (e: KeyboardEvent) => void>;

function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  const tag = t.tagName;
  // a focused checkbox or radio takes no text: the screen's keys still apply (Space toggles it)
  if (t instanceof HTMLInputElement && (t.type === "checkbox" || t.type === "radio")) return false;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || t.isContentEditable;
}

/**
 * One keydown listener on the document for the whole review screen. Keys never fire while the
 * person types in a field, or with Ctrl/Meta/Alt held (browser shortcuts stay intact).
 * Keys are KeyboardEvent.key values ("j", "ArrowDown", "A" for shift+a, "?").
 */
export function useReviewKeys(map: KeyMap, enabled = true) {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (typing(e.target)) return;
      if (document.querySelector("dialog[open]") && e.key !== "?") return;
      const fn = ref.current[e.key];
      if (!fn) return;
      e.preventDefault();
      fn(e);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled]);
}

export const KEY_HELP: { keys: string[]; what: string }[] = [
  { keys: ["j", "↓"], what: "next step" },
  { keys: ["k", "↑"], what: "previous step" },
  { keys: ["n"], what: "next trace (same filters as the list)" },
  { keys: ["p"], what: "previous trace" },
  { keys: ["e"], what: "mark the selected step as the first critical error" },
  { keys: ["0"], what: "mark the trace: no error" },
  { keys: ["i", "w"], what: "write an intervention at the selected step" },
  { keys: ["c"], what: "edit (change) the focused intervention" },
  { keys: ["[", "]"], what: "focus previous / next intervention" },
  { keys: ["a"], what: "accept the focused intervention" },
  { keys: ["r"], what: "reject the focused intervention" },
  { keys: ["A", "R"], what: "accept / reject, then go to the next trace" },
  { keys: ["Enter"], what: "save (intervention being written, else the label form)" },
  { keys: ["Ctrl+Enter"], what: "save while typing in the intervention" },
  { keys: ["Esc"], what: "cancel writing / close a dialog" },
  { keys: ["f"], what: "find first error: ask the model to propose interventions" },
  { keys: ["u"], what: "undo your last change on this trace" },
  { keys: ["t"], what: "toggle raw / rendered text" },
  { keys: ["g"], what: "go back to the list" },
  { keys: ["?"], what: "this cheatsheet" },
];
