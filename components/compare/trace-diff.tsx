"use client";
import ReactDiffViewer, { DiffMethod } from "react-diff-viewer-continued";

/** Line/word diff of the two full traces (the stored text, nothing rendered). */
export function TraceDiff({ a, b, titleA, titleB }: { a: string; b: string; titleA: string; titleB: string }) {
  return (
    <details open className="rounded-lg border border-slate-200 bg-white" aria-label="diff">
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold">Diff of the two traces</summary>
      <div className="overflow-x-auto text-xs">
        <ReactDiffViewer
          oldValue={a}
          newValue={b}
          splitView
          compareMethod={DiffMethod.WORDS}
          leftTitle={titleA}
          rightTitle={titleB}
          disableWorker
          styles={{
            contentText: { fontSize: 12, lineHeight: "18px", whiteSpace: "pre-wrap", wordBreak: "break-word" },
          }}
        />
      </div>
    </details>
  );
}
