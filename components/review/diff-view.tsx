"use client";
import ReactDiffViewer, { DiffMethod } from "react-diff-viewer-continued";

/** Word diff between the replaced step and the intervention (text only, nothing rendered). */
export function DiffView({ before, after }: { before: string; after: string }) {
  return (
    <ReactDiffViewer
      oldValue={before}
      newValue={after}
      splitView={false}
      compareMethod={DiffMethod.WORDS}
      leftTitle="replaced step → intervention"
      hideSummary
      disableWorker
      styles={{ contentText: { fontSize: 12, lineHeight: "18px", whiteSpace: "pre-wrap", wordBreak: "break-word" } }}
    />
  );
}
