"use client";
import ReactDiffViewer, { DiffMethod } from "react-diff-viewer-continued";

/**
 * Word diff of two texts (shown as written, nothing rendered): "replaced step -> intervention",
 * or "model proposal -> my edit". Long lines wrap; nothing is cut off.
 */
export function DiffView({ before, after, title = "replaced step → intervention" }: { before: string; after: string; title?: string }) {
  return (
    <ReactDiffViewer
      oldValue={before}
      newValue={after}
      splitView={false}
      compareMethod={DiffMethod.WORDS}
      leftTitle={title}
      hideLineNumbers
      hideSummary
      disableWorker
      styles={{
        contentText: { fontSize: 12, lineHeight: "18px", whiteSpace: "pre-wrap", wordBreak: "break-word", overflowWrap: "anywhere" },
        wordDiff: { display: "inline", whiteSpace: "pre-wrap", wordBreak: "break-word", overflowWrap: "anywhere" },
      }}
    />
  );
}
