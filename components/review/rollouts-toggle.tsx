"use client";
import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { RolloutsPanel } from "@/components/rollouts/rollouts-panel";
import { rolloutKeys } from "@/components/rollouts/use-rollouts";

/**
 * Rollouts of one intervention, collapsed by default (the panel fetches only once opened).
 * A new version (an edit marks the rollouts of the old text stale) refetches an open panel.
 */
export function RolloutsToggle({ interventionId, version }: { interventionId: string; version: number }) {
  const [open, setOpen] = useState(false);
  const qc = useQueryClient();
  useEffect(
    () => void qc.invalidateQueries({ queryKey: rolloutKeys.intervention(interventionId) }),
    [qc, interventionId, version],
  );
  return (
    <div onClick={(e) => e.stopPropagation()}>
      <button
        type="button"
        className="text-xs text-indigo-700 hover:underline"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? "Hide rollouts" : "Show rollouts"}
      </button>
      {open && <RolloutsPanel interventionId={interventionId} />}
    </div>
  );
}
