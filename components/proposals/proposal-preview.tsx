"use client";
import dynamic from "next/dynamic";
import { useMemo } from "react";
import { guidedParts } from "@/lib/core/guided";
import { splitSteps } from "@/lib/core/steps";

const DiffView = dynamic(() => import("@/components/review/diff-view").then((m) => m.DiffView), {
  ssr: false,
  loading: () => <p className="text-xs text-slate-500">Loading diff…</p>,
});

/** The guided attempt a proposal yields (prefix + intervention) and its diff against the replaced step. */
export function ProposalPreview({ text, location, content }: { text: string; location: number; content: string }) {
  const steps = useMemo(() => splitSteps(text), [text]);
  if (location < 1 || location > steps.length) return null;
  const parts = guidedParts(text, location, content);
  return (
    <details className="rounded border border-slate-200">
      <summary className="cursor-pointer px-2 py-1 text-xs font-medium text-slate-600">Guided attempt and diff</summary>
      <div className="grid gap-2 p-2 lg:grid-cols-2">
        <pre
          data-testid="proposal-guided-preview"
          className="max-h-72 overflow-y-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs"
        >
          <span className="text-slate-400">{parts.prefix}</span>
          <mark className="bg-emerald-100 text-emerald-900">{parts.intervention}</mark>
        </pre>
        <div className="max-h-72 overflow-y-auto rounded border border-slate-200 [&_table]:w-full [&_table]:table-fixed">
          <DiffView before={steps[location - 1]} after={content} />
        </div>
      </div>
    </details>
  );
}
