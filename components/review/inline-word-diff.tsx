"use client";
import { useMemo } from "react";
import { diffWordsWithSpace } from "diff";

/**
 * A word diff as one running text (removed words struck through, added ones marked), for texts
 * with a line over 500 characters: react-diff-viewer-continued shows such a line as a whole
 * removed / added line, without word highlighting (a limit hard-coded in the library), and a
 * step or an intervention is often one long paragraph.
 */
export function InlineWordDiff({ before, after, title }: { before: string; after: string; title: string }) {
  const parts = useMemo(() => diffWordsWithSpace(before, after), [before, after]);
  return (
    <div className="text-xs">
      <div className="border-b border-slate-200 px-2 py-1 font-mono text-slate-700">{title}</div>
      <pre
        data-testid="inline-word-diff"
        className="whitespace-pre-wrap break-words p-2 font-mono leading-[18px] [overflow-wrap:anywhere]"
      >
        {parts.map((p, i) =>
          p.added ? (
            <ins key={i} className="bg-emerald-200 text-emerald-950 no-underline">
              {p.value}
            </ins>
          ) : p.removed ? (
            <del key={i} className="bg-rose-200 text-rose-950">
              {p.value}
            </del>
          ) : (
            <span key={i}>{p.value}</span>
          ),
        )}
      </pre>
    </div>
  );
}
