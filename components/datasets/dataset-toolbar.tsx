"use client";
import { useEffect, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

// The dataset page's actions over the current filter: Export, Propose, Rollouts & sampling.
// The list comes first; a panel opens on demand, and which ones are open is remembered in this
// browser. Closed panels stay mounted (hidden), so a job started from one keeps its progress.

export type ToolbarPanel = { id: string; label: string; node: ReactNode };

const STORE = "int.dataset-panels";

export function DatasetToolbar({ panels, scope }: { panels: ToolbarPanel[]; scope: string }) {
  const [open, setOpen] = useState<string[]>([]);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(true);
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) ?? "[]");
      if (Array.isArray(saved)) setOpen(saved.filter((x): x is string => typeof x === "string"));
    } catch {
      /* storage disabled or garbled: start closed */
    }
  }, []);
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id];
      try {
        localStorage.setItem(STORE, JSON.stringify(next));
      } catch {
        /* keep it for this page */
      }
      return next;
    });
  return (
    <div className="space-y-2">
      <div
        role="toolbar"
        aria-label="Dataset actions"
        data-toolbar-ready={ready ? "1" : undefined}
        className="flex flex-wrap items-center gap-1.5 text-sm"
      >
        {panels.map((p) => {
          const on = open.includes(p.id);
          return (
            <button
              key={p.id}
              type="button"
              aria-expanded={on}
              aria-controls={`panel-${p.id}`}
              onClick={() => toggle(p.id)}
              className={cn(
                "h-7 rounded-md border px-2.5 text-sm font-medium",
                on
                  ? "border-indigo-300 bg-indigo-50 text-indigo-800"
                  : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
              )}
            >
              {p.label} {on ? "▴" : "▾"}
            </button>
          );
        })}
        <span className="text-xs text-slate-500" data-testid="toolbar-scope">
          {scope}
        </span>
      </div>
      {panels.map((p) => (
        <div key={p.id} id={`panel-${p.id}`} hidden={!open.includes(p.id)}>
          {p.node}
        </div>
      ))}
    </div>
  );
}
