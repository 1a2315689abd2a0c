"use client";
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";

/**
 * The submit row of a settings form: the Save button (disabled while saving), any other buttons,
 * then the outcome of the last save in one line ("Saved." or the error).
 */
export function SaveRow<T>({
  saving,
  state,
  label = "Save",
  saved = () => "Saved.",
  children,
}: {
  saving: boolean;
  state: ActionResult<T> | null;
  label?: string;
  saved?: (data: T) => string;
  children?: ReactNode;
}) {
  return (
    <div className="flex items-center gap-2">
      <Button type="submit" variant="primary" disabled={saving}>
        {saving ? "Saving…" : label}
      </Button>
      {children}
      {state && (
        <span role="status" className={state.ok ? "text-sm text-emerald-700" : "text-sm text-rose-700"}>
          {state.ok ? saved(state.data) : state.error}
        </span>
      )}
    </div>
  );
}
