"use client";
import { useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useReviewKeys } from "@/components/review/use-review-keys";
import type { KeyHelp } from "@/components/ui/key-help";
import type { TraceSelection } from "./use-trace-selection";

// The trace list, keyboard first (like the review screen): a visible row focus from page load,
// j/k to move (past the page's end to the next cursor page), Enter or o to open, x to select,
// Shift+x to extend, / to search, ? for the keys. The focused trace is kept per dataset in
// sessionStorage, so it survives paging, filter changes and coming back from a trace.

export const LIST_KEY_HELP: KeyHelp[] = [
  { keys: ["j", "↓"], what: "next trace (past the last row: the next page)" },
  { keys: ["k", "↑"], what: "previous trace (before the first row: the previous page)" },
  { keys: ["Enter", "o"], what: "open the focused trace for review" },
  { keys: ["x"], what: "select / unselect the focused trace" },
  { keys: ["X"], what: "select the range from the last toggled trace to the focused one" },
  { keys: ["/"], what: "search the text" },
  { keys: ["?"], what: "this cheatsheet" },
];

const focusKey = (datasetId: string) => `int.list-focus.${datasetId}`;
const EDGE = "@edge:"; // "@edge:first" / "@edge:last": where to land after a page turn

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, v: string) {
  try {
    sessionStorage.setItem(key, v);
  } catch {
    /* storage disabled: focus lives for this page */
  }
}

export function useListKeys({
  datasetId,
  rowIds,
  hrefFor,
  selection,
  prevHref,
  nextHref,
}: {
  datasetId: string;
  rowIds: string[];
  hrefFor: (id: string) => string;
  selection?: TraceSelection;
  prevHref: string | null;
  nextHref: string | null;
}) {
  const router = useRouter();
  const key = focusKey(datasetId);
  const [index, setIndex] = useState(0);
  const [help, setHelp] = useState(false);
  const [ready, setReady] = useState(false); // hydrated: the keys work (journeys wait for it)
  const rowsKey = rowIds.join(",");

  // Where the focus starts on this page: the remembered trace if it is here, else the edge a page
  // turn asked for, else the first row.
  useEffect(() => {
    const ids = rowsKey ? rowsKey.split(",") : [];
    const saved = read(key);
    const at = saved ? ids.indexOf(saved) : -1;
    setIndex(at >= 0 ? at : saved === `${EDGE}last` ? Math.max(0, ids.length - 1) : 0);
    setReady(true);
  }, [key, rowsKey]);

  const focusRow = useCallback(
    (i: number, domFocus: boolean) => {
      const id = rowIds[i];
      if (!id) return;
      setIndex(i);
      write(key, id);
      if (domFocus) {
        const tr = document.querySelector<HTMLTableRowElement>(`tr[data-trace-id="${CSS.escape(id)}"]`);
        tr?.focus({ preventScroll: true });
        tr?.scrollIntoView({ block: "nearest" });
      }
    },
    [key, rowIds],
  );

  const move = (d: 1 | -1) => {
    const next = index + d;
    if (next >= 0 && next < rowIds.length) return focusRow(next, true);
    const href = d > 0 ? nextHref : prevHref;
    if (!href) return;
    write(key, `${EDGE}${d > 0 ? "first" : "last"}`);
    router.push(href);
  };
  const current = rowIds[index];
  const open = (e: KeyboardEvent) => {
    // Enter on a link or button keeps its own meaning
    if (e.target instanceof HTMLElement && e.target.closest("a,button")) return;
    if (current) router.push(hrefFor(current));
  };

  useReviewKeys({
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    Enter: open,
    o: open,
    x: () => {
      if (current) selection?.toggle(current);
    },
    X: () => {
      if (current) selection?.toggle(current, { shift: true });
    },
    "/": () => document.querySelector<HTMLInputElement>('input[aria-label="Search text"]')?.focus(),
    "?": () => setHelp((h) => !h),
  });

  return {
    ready,
    focusedId: current ?? null,
    focusRow: (id: string) => focusRow(Math.max(0, rowIds.indexOf(id)), false),
    help,
    closeHelp: () => setHelp(false),
  };
}
