import { prisma } from "@/lib/db";
import { proposalOutcome } from "@/lib/core/propose/outcome";
import { Refused, writeAudit } from "./audit";
import { interventionHash, interventionSnapshot } from "./interventions";
import type { WriteResult } from "./labels";
import { recomputeTrace } from "./traces";
import { containsAnswer } from "@/lib/core/guided";
import type { ImpliedLabel } from "@/lib/core/implied-label";
import { recordImpliedLabel } from "./implied-label";

// A proposal the leak filter held back (its content contains the ground-truth answer) becomes an
// intervention only when a person edits it and accepts: status "edited", the model's text kept
// as originalContent. The text is not checked again here: the export's leakage filter applies
// to the final text (lib/core/export/int.ts), as for every intervention.

export async function acceptHeldBackProposal(input: { proposalId: string; traceId: string; content: string; actor: string }): Promise<WriteResult<{ id: string; stillLeaks: boolean; label: ImpliedLabel }>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const p = await tx.proposal.findUnique({ where: { id: input.proposalId }, include: { trace: { select: { stepCount: true, problem: { select: { answer: true } } } } } });
      if (!p || p.traceId !== input.traceId) throw new Refused("Proposal not found on this trace; reload");
      if (proposalOutcome(p) !== "held_back") throw new Refused("This proposal was not held back: accept or edit its intervention instead");
      if (p.location === null || p.location < 1 || p.location > p.trace.stepCount) throw new Refused("The held-back proposal has no usable location");
      if (input.content.trim() === "") throw new Refused("The intervention is empty");
      const contentHash = interventionHash(p.location, input.content);
      const dup = await tx.intervention.findUnique({ where: { traceId_contentHash: { traceId: p.traceId, contentHash } }, select: { status: true } });
      if (dup) throw new Refused(`The same intervention already exists at step ${p.location} (${dup.status})`);
      const row = await tx.intervention.create({
        data: {
          traceId: p.traceId, location: p.location, content: input.content, status: "edited", origin: "model", author: p.model,
          originalContent: p.content, contentHash, proposalId: p.id,
          provenance: JSON.stringify({
            via: "propose", proposalId: p.id, jobItemId: p.jobItemId, sample: p.sample, model: p.model, templateId: p.templateId,
            templateHash: p.templateHash, heldBack: p.parseReason, acceptedBy: input.actor,
          }),
        },
      });
      const ev = await writeAudit(tx, { actor: input.actor, action: "intervention.create", entity: "Intervention", entityId: row.id, traceId: row.traceId, before: null, after: interventionSnapshot(row) });
      // accepting at step k is the person's first-error label at k, unless the trace has one (undone together)
      const label = await recordImpliedLabel(tx, { traceId: p.traceId, actor: input.actor, location: p.location, eventId: ev.id, via: "accept" });
      const trace = await recomputeTrace(tx, p.traceId);
      return { ok: true as const, value: { id: row.id, stillLeaks: containsAnswer(input.content, p.trace.problem.answer), label }, trace };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}
