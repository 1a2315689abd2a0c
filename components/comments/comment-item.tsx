"use client";
import { useState } from "react";
import { MathMarkdown } from "@/components/math/math-markdown";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ThreadComment, ThreadData } from "./use-trace-comments";

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function anchorText(c: ThreadComment, thread: ThreadData): string | null {
  if (c.step !== null) return `step ${c.step}`;
  if (c.interventionId !== null) {
    const iv = thread.interventions.find((i) => i.id === c.interventionId);
    return iv ? `intervention at step ${iv.location}` : "an intervention";
  }
  return null;
}

/**
 * One comment. Its text is untrusted (as trace text): rendered by lib/render through MathMarkdown
 * (raw HTML escaped, no links or images, KaTeX without trust, the render budget), and earlier
 * texts from the audit trail are shown as written, in <pre>.
 */
export function CommentItem({
  c,
  thread,
  busy,
  onEdit,
  onStatus,
}: {
  c: ThreadComment;
  thread: ThreadData;
  busy: boolean;
  onEdit: (body: string) => Promise<boolean>;
  onStatus: (s: "resolved" | "open") => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const anchor = anchorText(c, thread);
  const resolved = c.status === "resolved";
  return (
    <li
      data-testid="comment"
      aria-label={`Comment by ${c.author}${anchor ? ` on ${anchor}` : ""}`}
      className={cn(
        "rounded border p-2",
        resolved ? "border-slate-200 bg-slate-50 text-slate-500" : "border-amber-200 bg-amber-50/40",
      )}
    >
      <div className="mb-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
        <span className="font-medium text-slate-800">{c.author}</span>
        <span title={c.createdAt}>{when(c.createdAt)}</span>
        {anchor &&
          (c.step !== null ? (
            <a href={`#step-${c.step}`} className="text-indigo-700 underline">
              {anchor}
            </a>
          ) : (
            <span>{anchor}</span>
          ))}
        {resolved ? (
          <Badge tone="green">resolved{c.resolvedBy ? ` by ${c.resolvedBy}` : ""}</Badge>
        ) : (
          <Badge tone="amber">open</Badge>
        )}
      </div>
      {editing === null ? (
        <div className="text-sm">
          <MathMarkdown text={c.body} />
        </div>
      ) : (
        <label className="block text-xs">
          <span className="sr-only">Edit comment</span>
          <textarea
            aria-label="Edit comment"
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
            rows={3}
            className="w-full rounded border border-slate-300 p-1 font-mono text-[13px]"
          />
        </label>
      )}
      {c.edits.length > 0 && (
        <details className="mt-1 text-xs text-slate-500">
          <summary className="cursor-pointer">
            edited {c.edits.length === 1 ? "once" : `${c.edits.length} times`}
          </summary>
          <ol className="mt-1 space-y-1">
            {c.edits.map((e, i) => (
              <li key={i}>
                {e.actor}, {when(e.at)}, before:{" "}
                <pre className="whitespace-pre-wrap break-words rounded bg-white p-1">{e.before}</pre>
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className="mt-1 flex gap-1.5">
        {editing !== null ? (
          <>
            <Button
              size="xs"
              variant="primary"
              disabled={busy}
              onClick={async () => {
                if (await onEdit(editing)) setEditing(null);
              }}
            >
              Save edit
            </Button>
            <Button size="xs" variant="ghost" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </>
        ) : (
          c.canEdit && (
            <Button size="xs" disabled={busy} onClick={() => setEditing(c.body)}>
              Edit
            </Button>
          )
        )}
        {thread.me.canWrite && editing === null && (
          <Button size="xs" variant="ghost" disabled={busy} onClick={() => onStatus(resolved ? "open" : "resolved")}>
            {resolved ? "Reopen" : "Resolve"}
          </Button>
        )}
      </div>
    </li>
  );
}
