"use client";
import { useState } from "react";
import { RolloutsPanel } from "@/components/rollouts/rollouts-panel";

/** Rollouts of one intervention, collapsed by default (the panel fetches only once opened). */
export function RolloutsToggle({ interventionId }: { interventionId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div onClick={(e) => e.stopPropagation()}>
      <button type="button" className="text-xs text-indigo-700 hover:underline" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "Hide rollouts" : "Show rollouts"}
      </button>
      {open && <RolloutsPanel interventionId={interventionId} />}
    </div>
  );
}
