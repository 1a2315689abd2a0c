"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { parseSelection, selectRange, setMany, toggleId } from "@/lib/core/selection/selection";

// The trace list's selection, kept in sessionStorage per dataset so it survives cursor pages,
// filter changes and reloads within this tab (and only this tab), and is gone in a new session.
const keyOf = (datasetId: string) => `int.trace-selection.${datasetId}`;

export type TraceSelection = {
  ids: string[];
  has: (id: string) => boolean;
  /** shift: set the range from the last clicked row to this one (on this page) */
  toggle: (id: string, opts?: { shift?: boolean; on?: boolean }) => void;
  setPage: (on: boolean) => void;
  clear: () => void;
};

export function useTraceSelection(datasetId: string, page: string[]): TraceSelection {
  const key = keyOf(datasetId);
  const [ids, setIds] = useState<string[]>([]);
  const anchor = useRef<string | null>(null);
  useEffect(() => {
    try {
      setIds(parseSelection(sessionStorage.getItem(key)));
    } catch {
      /* storage disabled: the selection lives for this page only */
    }
  }, [key]);

  const update = useCallback(
    (fn: (prev: string[]) => string[]) => {
      setIds((prev) => {
        const next = fn(prev);
        try {
          if (next.length) sessionStorage.setItem(key, JSON.stringify(next));
          else sessionStorage.removeItem(key);
        } catch {
          /* storage full or disabled: keep it in memory */
        }
        return next;
      });
    },
    [key],
  );

  const set = new Set(ids);
  return {
    ids,
    has: (id) => set.has(id),
    toggle: (id, opts = {}) => {
      const on = opts.on ?? !set.has(id);
      const from = anchor.current; // read now: the updater runs later
      update((prev) => (opts.shift ? selectRange(prev, page, from, id, on) : toggleId(prev, id, on)));
      anchor.current = id;
    },
    setPage: (on) => update((prev) => setMany(prev, page, on)),
    clear: () => {
      anchor.current = null;
      update(() => []);
    },
  };
}
