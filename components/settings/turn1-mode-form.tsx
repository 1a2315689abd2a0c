"use client";
import { useActionState } from "react";
import { saveTurn1Mode } from "@/lib/actions/propose-settings";
import { SaveRow } from "./save-row";

/** Default turn-1 mode of new propose jobs and batch exports (a job records the mode it used). */
export function Turn1ModeForm({ value }: { value: "shared" | "independent" }) {
  const [state, action, saving] = useActionState(saveTurn1Mode, null);
  return (
    <form action={action} className="space-y-2 text-sm" aria-label="Turn-1 sampling">
      <fieldset className="space-y-1">
        <legend className="font-medium text-slate-700">K proposals per attempt</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="turn1" value="shared" defaultChecked={value === "shared"} className="mt-1" />
          <span>
            Shared turn 1 (as the paper&apos;s code): one turn-1 solution per attempt, then one turn-2 request with n =
            K samples that all continue it.
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="turn1"
            value="independent"
            defaultChecked={value === "independent"}
            className="mt-1"
          />
          <span>
            Independent turn 1s: K turn-1 solutions, each with its own turn 2 (more diverse; K times the turn-1 tokens).
          </span>
        </label>
      </fieldset>
      <SaveRow saving={saving} state={state} />
    </form>
  );
}
