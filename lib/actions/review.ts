"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { getActor } from "@/lib/server/actor";
import { setHumanLabel, type TraceState } from "@/lib/data/labels";
import { createIntervention, decideIntervention, editIntervention } from "@/lib/data/interventions";
import { undoLast } from "@/lib/data/audit";
import { describeImpliedLabel } from "@/lib/core/implied-label";
import { acceptHeldBackProposal } from "@/lib/data/held-back";

// Review writes. Each one names the version it read; the data layer refuses stale writes
// with a one-line message. `stay` = the page stays on this trace and must show the change;
// when the client moves on to the next trace it passes stay=false and skips the re-render.

const Id = z.string().min(1).max(64);
const Version = z.number().int().min(0);
const Base = z.object({ datasetId: Id, traceId: Id, stay: z.boolean().default(true) });

export type ReviewResult = ActionResult<{ trace: TraceState; message: string }>;

function refresh(input: { datasetId: string; traceId: string; stay: boolean }) {
  if (input.stay) revalidatePath(`/datasets/${input.datasetId}/traces/${input.traceId}`);
}

function parse<T extends z.ZodType>(schema: T, raw: unknown): { ok: true; data: z.infer<T> } | { ok: false; res: ReviewResult } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, data: r.data };
  const fe = z.flattenError(r.error).fieldErrors as Record<string, string[]>;
  return { ok: false, res: fail("Invalid input: " + Object.keys(fe).join(", "), fe) };
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

export async function saveLabel(raw: z.input<typeof SetLabel>): Promise<ReviewResult> {
  const p = parse(SetLabel, raw);
  if (!p.ok) return p.res;
  const { datasetId, stay, ...input } = p.data;
  const r = await setHumanLabel({ ...input, actor: await getActor() });
  if (!r.ok) return fail(r.reason);
  refresh(p.data);
  return ok({ trace: r.trace, message: input.step === null ? "Marked: no error" : `Marked step ${input.step} as first error` });
}

const Create = Base.extend({ location: z.number().int().min(1), content: z.string().min(1).max(100_000) });

export async function writeIntervention(raw: z.input<typeof Create>): Promise<ReviewResult> {
  const p = parse(Create, raw);
  if (!p.ok) return p.res;
  const r = await createIntervention({ traceId: p.data.traceId, location: p.data.location, content: p.data.content, actor: await getActor() });
  if (!r.ok) return fail(r.reason);
  refresh(p.data);
  return ok({ trace: r.trace, message: `Intervention at step ${p.data.location} saved (proposed)` });
}

const Decide = Base.extend({ id: Id, expectedVersion: Version });

async function decide(raw: z.input<typeof Decide>, decision: "accept" | "reject"): Promise<ReviewResult> {
  const p = parse(Decide, raw);
  if (!p.ok) return p.res;
  const actor = await getActor();
  const r = await decideIntervention({ id: p.data.id, expectedVersion: p.data.expectedVersion, decision, actor });
  if (!r.ok) return fail(r.reason);
  refresh(p.data);
  // say what the accept did to the first-error label, e.g. "Accepted; recorded your first-error label: step 3"
  return ok({ trace: r.trace, message: decision === "accept" ? `Accepted${r.label ? `; ${describeImpliedLabel(r.label, actor)}` : ""}` : "Intervention rejected" });
}

export async function acceptIntervention(raw: z.input<typeof Decide>) {
  return decide(raw, "accept");
}

export async function rejectIntervention(raw: z.input<typeof Decide>) {
  return decide(raw, "reject");
}

const Edit = Decide.extend({ content: z.string().min(1).max(100_000), location: z.number().int().min(1).optional() });

export async function updateIntervention(raw: z.input<typeof Edit>): Promise<ReviewResult> {
  const p = parse(Edit, raw);
  if (!p.ok) return p.res;
  const { id, expectedVersion, content, location } = p.data;
  const actor = await getActor();
  const r = await editIntervention({ id, expectedVersion, content, location, actor });
  if (!r.ok) return fail(r.reason);
  refresh(p.data);
  return ok({ trace: r.trace, message: `Saved your edit${r.label ? `; ${describeImpliedLabel(r.label, actor)}` : ""}` });
}

const LABELS: Record<string, string> = {
  "label.set": "label", "intervention.create": "new intervention", "intervention.accept": "accept",
  "intervention.reject": "reject", "intervention.edit": "edit",
};

export async function undoLastDecision(raw: z.input<typeof Base>): Promise<ReviewResult> {
  const p = parse(Base, raw);
  if (!p.ok) return p.res;
  const r = await undoLast(p.data.traceId, await getActor());
  if (!r.ok) return fail(r.reason);
  refresh(p.data);
  const also = r.alsoUndone ? " and the first-error label it recorded" : "";
  return ok({ trace: r.trace, message: `Undid your ${LABELS[r.undone.action] ?? r.undone.action}${also}` });
}

const AcceptHeldBack = Base.extend({ proposalId: Id, content: z.string().min(1).max(100_000) });

/** A held-back proposal (it contained the answer), edited by a person and accepted. */
export async function acceptHeldBack(raw: z.input<typeof AcceptHeldBack>): Promise<ReviewResult> {
  const p = parse(AcceptHeldBack, raw);
  if (!p.ok) return p.res;
  const actor = await getActor();
  const r = await acceptHeldBackProposal({ proposalId: p.data.proposalId, traceId: p.data.traceId, content: p.data.content, actor });
  if (!r.ok) return fail(r.reason);
  refresh(p.data);
  const label = describeImpliedLabel(r.value.label, actor);
  return ok({
    trace: r.trace,
    message: r.value.stillLeaks
      ? `Accepted (edited), but it still contains the answer: the export will leave it out; ${label}`
      : `Held-back proposal edited and accepted; ${label}`,
  });
}
