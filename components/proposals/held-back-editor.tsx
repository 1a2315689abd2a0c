"use client";
import { useDeferredValue, useState } from "react";
import dynamic from "next/dynamic";
import { containsAnswer } from "@/lib/core/guided";
import { Button } from "@/components/ui/button";

const DiffView = dynamic(() => import("@/components/review/diff-view").then((m) => m.DiffView), {
  ssr: false,
  loading: () => <p className="text-xs text-slate-500">Loading diff…</p>,
});

/**
 * A held-back proposal (its content contains the ground-truth answer): the person edits the leak
 * out and accepts. The text is not blocked here; the export's leakage check applies to what is
 * saved, and the editor says so while the answer is still in it.
 */
export function HeldBackEditor({
  sample,
  content,
  answer,
  pending,
  onAccept,
}: {
  sample: number;
  content: string;
  answer: string;
  pending: boolean;
  onAccept: (text: string, done: () => void) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(content);
  const leaks = containsAnswer(text, answer);
  const shown = useDeferredValue(text);
  if (!open)
    return (
      <Button size="xs" onClick={() => setOpen(true)}>
        Edit the leak out
      </Button>
    );
  return (
    <div className="space-y-1.5" role="group" aria-label={`Edit held-back proposal ${sample + 1}`}>
      <textarea
        aria-label={`Held-back proposal ${sample + 1} content`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={5}
        className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs"
      />
      <p className={leaks ? "text-xs text-amber-800" : "text-xs text-emerald-700"} data-testid="held-back-check">
        {leaks
          ? `Still contains the answer ${JSON.stringify(answer.trim())}: the export leaves such interventions out.`
          : "No longer contains the answer."}
      </p>
      {shown !== content && (
        <div
          data-testid="held-back-diff"
          className="max-h-48 overflow-y-auto rounded border border-slate-200 [&_table]:w-full [&_table]:table-fixed"
        >
          <DiffView before={content} after={shown} title="model proposal → my edit" />
        </div>
      )}
      <div className="flex items-center gap-1.5">
        <Button
          size="xs"
          variant="primary"
          disabled={pending || text.trim() === ""}
          onClick={() => onAccept(text, () => setOpen(false))}
        >
          Accept edited
        </Button>
        <Button
          size="xs"
          variant="ghost"
          onClick={() => {
            setText(content);
            setOpen(false);
          }}
        >
          Cancel
        </Button>
      </div>
    </div>
  );
}
