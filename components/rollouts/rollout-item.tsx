"use client";
import { useState } from "react";
import { MathMarkdown } from "@/components/math/math-markdown";
import { Badge } from "@/components/ui/badge";
import type { RolloutView } from "@/lib/data/rollouts";
import { verdictWord } from "@/lib/core/verdict-words";

const VERDICT_TONE = {
  equal: "green",
  not_equal: "red",
  no_answer: "amber",
  unparseable: "amber",
  timeout: "violet",
  error: "violet",
} as const;

/** One rollout: the start it continued (muted) + the continuation, like a trace; collapsed to a summary line. */
export function RolloutItem({ r, start }: { r: RolloutView; start: string }) {
  const [open, setOpen] = useState(false);
  const tone = VERDICT_TONE[r.verdict as keyof typeof VERDICT_TONE] ?? "slate";
  return (
    <li
      className={`rounded-md border ${r.correct ? "border-emerald-300 bg-emerald-50/40" : "border-slate-200 bg-white"}`}
      data-testid="rollout"
      data-correct={r.correct}
    >
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-2 px-2 py-1 text-left text-sm"
      >
        <span className="w-10 text-xs text-slate-500">#{r.sample + 1}</span>
        <Badge tone={tone} title={r.method ?? undefined}>
          {verdictWord(r.verdict)}
        </Badge>
        <span className="truncate text-xs text-slate-600">
          answer: <code>{r.extracted ?? "none"}</code>
        </span>
        <span className="ml-auto text-xs text-slate-400">{open ? "hide" : "show"}</span>
      </button>
      {open && (
        <div className="border-t border-slate-200 px-3 py-2 text-sm">
          {start && (
            <div className="text-slate-500" aria-label="Continued from">
              <MathMarkdown text={start} />
            </div>
          )}
          <div aria-label="Continuation">
            <MathMarkdown text={r.text} />
          </div>
          {r.method && <p className="mt-1 text-xs text-slate-500">decided by {r.method}</p>}
        </div>
      )}
    </li>
  );
}
