"use client";
import Link from "next/link";
import { dismiss, useOutbox } from "./decision-outbox";

/** Decisions made on earlier traces: "saving…" while in flight, and every refusal until dismissed. */
export function OutboxNotice() {
  const sent = useOutbox();
  const saving = sent.filter((s) => s.state === "saving").length;
  const failed = sent.filter((s) => s.state === "failed");
  if (saving === 0 && failed.length === 0) return null;
  return (
    <div className="basis-full space-y-1 empty:hidden">
      {saving > 0 && (
        <p className="text-xs text-slate-500" data-testid="outbox-saving">
          Saving {saving} decision{saving > 1 ? "s" : ""} from the previous trace…
        </p>
      )}
      {failed.map((s) => (
        <p
          key={s.key}
          role="alert"
          data-testid="outbox-failed"
          className="flex flex-wrap items-center gap-2 rounded border border-rose-300 bg-rose-50 px-2 py-1 text-sm text-rose-800"
        >
          <span>
            <strong>{s.what} was not saved:</strong> {s.error}
          </span>
          <Link href={s.href} className="font-medium underline">
            Back to that trace
          </Link>
          <button
            type="button"
            onClick={() => dismiss(s.key)}
            className="ml-auto text-xs text-rose-600 hover:underline"
          >
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
