"use client";
import { useEffect, useMemo, useRef } from "react";
import { guidedParts } from "@/lib/core/guided";
import { splitSteps } from "@/lib/core/steps";
import { MathMarkdown } from "@/components/math/math-markdown";

// What the person is writing, rendered (Markdown + KaTeX, the same renderer as the trace), in
// the guided attempt it builds (method.md §4): the last few steps of the prefix, then the
// intervention in the place of step k. Below it, the exact text the export writes (byte-exact).

const CONTEXT_STEPS = 3; // prefix steps shown before the intervention: enough to read it in context

export function GuidedPreview({ text, location, content }: { text: string; location: number; content: string }) {
  const steps = useMemo(() => splitSteps(text), [text]);
  const parts = useMemo(() => guidedParts(text, location, content), [text, location, content]);
  const from = Math.max(1, location - CONTEXT_STEPS);
  const shown = steps.slice(from - 1, location - 1);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [parts]);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-1">
      <div
        data-testid="rendered-preview"
        aria-label="Rendered preview"
        role="region"
        className="min-h-0 flex-1 space-y-1.5 overflow-y-auto rounded bg-slate-50 p-2 text-sm"
      >
        {from > 1 && <p className="text-xs text-slate-500">Steps 1–{from - 1} of the prefix not shown</p>}
        {shown.map((s, i) => (
          <div key={from + i} className="text-slate-500">
            <span className="text-[11px] font-medium text-slate-400">step {from + i}</span>
            <MathMarkdown text={s} />
          </div>
        ))}
        <div
          ref={end}
          data-testid="rendered-intervention"
          className="rounded border-l-4 border-emerald-400 bg-emerald-50 px-2 py-1 text-slate-900"
        >
          <span className="text-[11px] font-medium text-emerald-800">
            step {location}: your intervention (suffix dropped)
          </span>
          {content.trim() === "" ? (
            <p className="text-xs text-slate-400">Nothing written yet.</p>
          ) : (
            <MathMarkdown text={parts.intervention} />
          )}
        </div>
      </div>
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-500">Exact guided attempt (what the export writes)</summary>
        <pre
          data-testid="guided-preview"
          className="max-h-32 overflow-y-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2"
        >
          <span className="text-slate-400">{parts.prefix}</span>
          <mark className="bg-emerald-100 text-emerald-900">{parts.intervention}</mark>
        </pre>
      </details>
    </div>
  );
}
