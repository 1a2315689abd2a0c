"use client";
import { useCallback, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  acceptHeldBack,
  acceptIntervention,
  rejectIntervention,
  saveLabel,
  undoLastDecision,
  updateIntervention,
  writeIntervention,
  type ReviewResult,
} from "@/lib/actions/review";
import { postDecision, sendInBackground } from "./decision-outbox";
import { goToTrace } from "./go-to-trace";
import type { Flash, LabelForm } from "./review-context";
import type { Composer, ReviewData } from "./types";

export type ReviewActions = ReturnType<typeof useReviewActions>;

// Calls the server actions. A write that stays on this trace lets the action revalidate the
// page (fresh rows and versions arrive with the response); a decision that moves on to the
// next trace skips that re-render, navigates at once and saves in the background
// (decision-outbox.ts reports the outcome on the next trace).
export function useReviewActions(
  data: ReviewData,
  form: LabelForm,
  composer: Composer | null,
  setComposer: (c: Composer | null) => void,
) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [flash, setFlash] = useState<Flash>(null);
  const busy = useRef(false);
  const base = { datasetId: data.datasetId, traceId: data.traceId };

  const run = useCallback((call: () => Promise<ReviewResult>, after?: (r: ReviewResult) => void) => {
    if (busy.current) return;
    busy.current = true;
    start(async () => {
      try {
        const r = await call();
        setFlash(r.ok ? { kind: "ok", text: r.data.message } : { kind: "error", text: r.error });
        after?.(r);
      } catch {
        setFlash({ kind: "error", text: "The server did not answer; nothing was saved. Try again." });
      } finally {
        busy.current = false;
      }
    });
  }, []);

  const label = useCallback(
    (step: number | null) =>
      run(() =>
        saveLabel({
          ...base,
          ...form,
          step,
          checkFactual: step === null ? null : form.checkFactual,
          checkNotRecovered: step === null ? null : form.checkNotRecovered,
          expectedVersion: data.myLabel?.version ?? null,
        }),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, form, run],
  );

  const decide = useCallback(
    (id: string, decision: "accept" | "reject", advance = false) => {
      const iv = data.interventions.find((i) => i.id === id);
      if (!iv) return;
      const go = advance && data.nextHref ? data.nextHref : null;
      const fn = decision === "accept" ? acceptIntervention : rejectIntervention;
      if (!go) return run(() => fn({ ...base, id, expectedVersion: iv.version, stay: true }));
      // Decide and move on: the next trace shows at once (its page is prefetched) while the
      // decision saves in the background; a refusal is shown on the next trace with a link back.
      if (busy.current) return;
      busy.current = true;
      const settle = sendInBackground(
        `${decision === "accept" ? "Accepting" : "Rejecting"} the intervention at step ${iv.location}`,
        location.pathname + location.search,
      );
      goToTrace(router, go);
      // A plain request, not the server action: an action runs in a transition and the
      // navigation just started would wait for it.
      postDecision(id, decision, iv.version)
        .then(settle)
        .finally(() => (busy.current = false));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, run, router],
  );

  const saveComposer = useCallback(() => {
    const c = composer;
    if (!c) return;
    if (c.content.trim() === "") return setFlash({ kind: "error", text: "The intervention is empty" });
    const call =
      c.kind === "new"
        ? () => writeIntervention({ ...base, location: c.location, content: c.content })
        : () =>
            updateIntervention({
              ...base,
              id: c.id,
              expectedVersion: c.expectedVersion,
              content: c.content,
              location: c.location,
            });
    run(call, (r) => {
      if (r.ok) setComposer(null);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [composer, run, setComposer]);

  const undo = useCallback(
    () => run(() => undoLastDecision(base)), // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, run],
  );

  /** A held-back proposal, edited by the person, accepted as an intervention; `done` on success. */
  const acceptEdited = useCallback(
    (proposalId: string, content: string, done?: () => void) =>
      run(
        () => acceptHeldBack({ ...base, proposalId, content }),
        (r) => {
          if (r.ok) done?.();
        },
      ), // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, run],
  );

  return { label, decide, saveComposer, undo, acceptEdited, pending, flash, setFlash };
}
