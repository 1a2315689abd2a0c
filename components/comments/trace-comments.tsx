"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  editCommentText,
  reopenComment,
  resolveComment,
  writeComment,
  type CommentActionResult,
} from "@/lib/actions/comments";
import { CommentItem } from "./comment-item";
import { useRefreshComments, useTraceComments, type ThreadData } from "./use-trace-comments";

/**
 * The comment thread of one trace, self-contained: it reads GET /api/traces/:id/comments and
 * writes through the comment actions, so the review page and the queue screens embed it as
 * `<TraceComments traceId={...} />`. `initialData` (optional) avoids the first fetch when the
 * page has the thread already. A new comment can be anchored to a step or an intervention.
 */
export function TraceComments({ traceId, initialData }: { traceId: string; initialData?: ThreadData }) {
  const q = useTraceComments(traceId, initialData);
  const refresh = useRefreshComments(traceId);
  const [body, setBody] = useState("");
  const [anchor, setAnchor] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (q.isPending)
    return (
      <section aria-label="Comments" className="rounded-lg border border-slate-200 bg-white p-3 text-xs text-slate-500">
        Loading comments…
      </section>
    );
  if (q.isError)
    return (
      <section aria-label="Comments" className="rounded-lg border border-rose-200 bg-white p-3 text-xs text-rose-700">
        Comments could not be loaded: {q.error.message}
      </section>
    );
  const thread = q.data;
  const open = thread.comments.filter((c) => c.status === "open").length;

  const run = async (p: Promise<CommentActionResult>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const r = await p;
      if (!r.ok) setError(r.error);
      await refresh();
      return r.ok;
    } catch {
      setError("The comment could not be saved; try again");
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async () => {
    const step = anchor.startsWith("step:") ? Number(anchor.slice(5)) : null;
    const interventionId = anchor.startsWith("iv:") ? anchor.slice(3) : null;
    if (await run(writeComment({ traceId, step, interventionId, body }))) setBody("");
  };
  const base = (id: string, v: number) => ({ id, expectedVersion: v });

  return (
    <section aria-label="Comments" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <h2 className="font-semibold">
        Comments{" "}
        <span className="text-xs font-normal text-slate-500">
          {thread.comments.length ? `${open} open of ${thread.comments.length}` : "none yet"}
        </span>
      </h2>
      <ul className="space-y-2">
        {thread.comments.map((c) => (
          <CommentItem
            key={c.id}
            c={c}
            thread={thread}
            busy={busy}
            onEdit={(text) => run(editCommentText({ ...base(c.id, c.version), body: text }))}
            onStatus={(s) => void run((s === "resolved" ? resolveComment : reopenComment)(base(c.id, c.version)))}
          />
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-xs text-rose-700">
          {error}
        </p>
      )}
      {thread.me.canWrite && (
        <form
          className="space-y-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <textarea
            aria-label="New comment"
            placeholder="Comment (Markdown and $math$)"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={3}
            className="w-full rounded border border-slate-300 p-1.5 font-mono text-[13px]"
          />
          <div className="flex items-center gap-1.5">
            <label className="text-xs text-slate-600">
              On{" "}
              <select
                aria-label="Comment on"
                value={anchor}
                onChange={(e) => setAnchor(e.target.value)}
                className="max-w-52 rounded border border-slate-300 text-xs"
              >
                <option value="">the whole trace</option>
                {Array.from({ length: thread.stepCount }, (_, i) => (
                  <option key={i} value={`step:${i + 1}`}>
                    step {i + 1}
                  </option>
                ))}
                {thread.interventions.map((iv) => (
                  <option key={iv.id} value={`iv:${iv.id}`}>
                    intervention at step {iv.location} ({iv.status})
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" size="xs" variant="primary" disabled={busy || body.trim() === ""}>
              Add comment
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
