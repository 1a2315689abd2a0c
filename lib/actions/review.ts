"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";
import type { TraceState } from "@/lib/data/labels";
import { offLoop } from "@/lib/data/off-loop";
import type { Actor } from "@/lib/auth/actor";
import { describeImpliedLabel } from "@/lib/core/implied-label";

// Review writes. Each one names the version it read; the data layer refuses stale writes
// with a one-line message. `stay` = the page stays on this trace and must show the change;
// when the client moves on to the next trace it passes stay=false and skips the re-render.
// Roles: annotators label, write interventions and undo their own last change; curators accept, edit, reject.

const Id = z.string().min(1).max(64);
const Version = z.number().int().min(0);
const Base = z.object({ datasetId: Id, traceId: Id, stay: z.boolean().default(true) });

// The trace's humanStep is not sent back: it can be another person's (or the final) label, which a blind queue
// withholds (lib/core/queues/blind.ts); the page re-renders with what this reader may see.
type SentState = Omit<TraceState, "humanStep">;
export type ReviewResult = ActionResult<{ trace: SentState; message: string }>;
const sent = ({ humanStep: _, ...t }: TraceState): SentState => t;

function refresh(input: { datasetId: string; traceId: string; stay: boolean }) {
  if (input.stay) revalidatePath(`/datasets/${input.datasetId}/traces/${input.traceId}`);
}

const SetLabel = Base.extend({
  step: z.number().int().min(1).nullable(),
  checkFactual: z.boolean().nullable().optional(),
  checkNotRecovered: z.boolean().nullable().optional(),
  note: z.string().max(10_000).optional(),
  badProblem: z.boolean().optional(),
  badReference: z.boolean().optional(),
  unsure: z.boolean().optional(),
  expectedVersion: Version.nullable(),
});

export const saveLabel = defineAction(
  SetLabel,
  { role: "annotator", name: "saveLabel" },
  async (data, actor): Promise<ReviewResult> => {
    const { datasetId, stay, ...input } = data;
    const r = await offLoop(actor, "setHumanLabel", { ...input, actor: actor.name });
    if (!r.ok) return fail(r.reason);
    refresh(data);
    return ok({
      trace: sent(r.trace),
      message: input.step === null ? "Marked: no error" : `Marked step ${input.step} as first error`,
    });
  },
);

const Create = Base.extend({ location: z.number().int().min(1), content: z.string().min(1).max(100_000) });

export const writeIntervention = defineAction(
  Create,
  { role: "annotator", name: "writeIntervention" },
  async (data, actor): Promise<ReviewResult> => {
    const r = await offLoop(actor, "createIntervention", {
      traceId: data.traceId,
      location: data.location,
      content: data.content,
      actor: actor.name,
    });
    if (!r.ok) return fail(r.reason);
    refresh(data);
    return ok({ trace: sent(r.trace), message: `Intervention at step ${data.location} saved (proposed)` });
  },
);

const Decide = Base.extend({ id: Id, expectedVersion: Version });

async function decide(data: z.output<typeof Decide>, decision: "accept" | "reject", by: Actor): Promise<ReviewResult> {
  const actor = by.name;
  const r = await offLoop(by, "decideIntervention", {
    id: data.id,
    expectedVersion: data.expectedVersion,
    decision,
    actor,
  });
  if (!r.ok) return fail(r.reason);
  refresh(data);
  // say what the accept did to the first-error label, e.g. "Accepted; recorded your first-error label: step 3"
  return ok({
    trace: sent(r.trace),
    message:
      decision === "accept"
        ? `Accepted${r.label ? `; ${describeImpliedLabel(r.label, actor)}` : ""}`
        : "Intervention rejected",
  });
}

export const acceptIntervention = defineAction(
  Decide,
  { role: "curator", name: "acceptIntervention" },
  async (data, actor) => decide(data, "accept", actor),
);

export const rejectIntervention = defineAction(
  Decide,
  { role: "curator", name: "rejectIntervention" },
  async (data, actor) => decide(data, "reject", actor),
);

const Edit = Decide.extend({ content: z.string().min(1).max(100_000), location: z.number().int().min(1).optional() });

export const updateIntervention = defineAction(
  Edit,
  { role: "curator", name: "updateIntervention" },
  async (data, by): Promise<ReviewResult> => {
    const { id, expectedVersion, content, location } = data;
    const actor = by.name;
    const r = await offLoop(by, "editIntervention", { id, expectedVersion, content, location, actor });
    if (!r.ok) return fail(r.reason);
    refresh(data);
    return ok({
      trace: sent(r.trace),
      message: `Saved your edit${r.label ? `; ${describeImpliedLabel(r.label, actor)}` : ""}`,
    });
  },
);

const LABELS: Record<string, string> = {
  "label.set": "label",
  "intervention.create": "new intervention",
  "intervention.accept": "accept",
  "intervention.reject": "reject",
  "intervention.edit": "edit",
};

export const undoLastDecision = defineAction(
  Base,
  { role: "annotator", name: "undoLastDecision" },
  async (data, actor): Promise<ReviewResult> => {
    const r = await offLoop(actor, "undoLast", data.traceId, actor.name);
    if (!r.ok) return fail(r.reason);
    refresh(data);
    const also = r.alsoUndone ? " and the first-error label it recorded" : "";
    return ok({ trace: sent(r.trace), message: `Undid your ${LABELS[r.undone.action] ?? r.undone.action}${also}` });
  },
);

const AcceptHeldBack = Base.extend({ proposalId: Id, content: z.string().min(1).max(100_000) });

/** A held-back proposal (it contained the answer), edited by a person and accepted. */
export const acceptHeldBack = defineAction(
  AcceptHeldBack,
  { role: "curator", name: "acceptHeldBack" },
  async (data, by): Promise<ReviewResult> => {
    const actor = by.name;
    const r = await offLoop(by, "acceptHeldBackProposal", {
      proposalId: data.proposalId,
      traceId: data.traceId,
      content: data.content,
      actor,
    });
    if (!r.ok) return fail(r.reason);
    refresh(data);
    const label = describeImpliedLabel(r.value.label, actor);
    return ok({
      trace: sent(r.trace),
      message: r.value.stillLeaks
        ? `Accepted (edited), but it still contains the answer: the export will leave it out; ${label}`
        : `Held-back proposal edited and accepted; ${label}`,
    });
  },
);
