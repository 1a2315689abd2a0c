"use client";
import ReactDiffViewer, { DiffMethod } from "react-diff-viewer-continued";
import { InlineWordDiff } from "./inline-word-diff";

// the library's own limit: a changed line longer than this gets no word diff
const LIBRARY_WORD_DIFF_LIMIT = 500;
const hasLongLine = (s: string) => s.split("\n").some((l) => l.length > LIBRARY_WORD_DIFF_LIMIT);

/**
 * Word diff of two texts (shown as written, nothing rendered): "replaced step -> intervention",
 * or "model proposal -> my edit". Long lines wrap; nothing is cut off.
 */
export function DiffView({
  before,
  after,
  title = "replaced step → intervention",
}: {
  before: string;
  after: string;
  title?: string;
}) {
  if (hasLongLine(before) || hasLongLine(after)) return <InlineWordDiff before={before} after={after} title={title} />;
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
        // the library's table is at least 1000 px wide (pre: fit-content): in a narrow panel
        // that cut the text off on the right; the text wraps within the panel instead
        diffContainer: { minWidth: 0, pre: { width: "auto" } },
        contentText: {
          fontSize: 12,
          lineHeight: "18px",
          whiteSpace: "pre-wrap",
          wordBreak: "break-word",
          overflowWrap: "anywhere",
        },
        wordDiff: { display: "inline", whiteSpace: "pre-wrap", wordBreak: "break-word", overflowWrap: "anywhere" },
      }}
    />
  );
}
