"use client";
import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useReview } from "./review-context";
import { OutboxNotice } from "./outbox-notice";
import type { ReviewActions } from "./use-review-actions";

export function ReviewToolbar({ header, actions }: { header: ReactNode; actions: ReviewActions }) {
  const { mode, toggleMode, setCheatsheet, flash, pending } = useReview();
  const router = useRouter();
  const stale = flash?.kind === "error" && flash.text.includes("reload");
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div className="min-w-0 flex-1">{header}</div>
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${flash?.kind === "error" ? "font-medium text-rose-700" : "text-emerald-700"}`}
      >
        {pending ? <span className="text-slate-500">Saving…</span> : flash?.text}
      </p>
      {stale && (
        <Button
          size="xs"
          variant="primary"
          onClick={() => {
            actions.setFlash(null);
            router.refresh();
          }}
        >
          Reload
        </Button>
      )}
      <Button size="xs" onClick={toggleMode} aria-pressed={mode === "raw"} title="Toggle raw / rendered (t)">
        {mode === "raw" ? "Rendered" : "Raw"} <Kbd>t</Kbd>
      </Button>
      <Button size="xs" onClick={actions.undo} title="Undo your last change on this trace (u)">
        Undo <Kbd>u</Kbd>
      </Button>
      <Button size="xs" variant="ghost" onClick={() => setCheatsheet(true)} aria-label="Keyboard shortcuts">
        Keys <Kbd>?</Kbd>
      </Button>
      <OutboxNotice />
    </div>
  );
}
