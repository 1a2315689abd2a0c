import type { Tx } from "@/lib/db";
import { impliedLabel, type ImpliedLabel } from "@/lib/core/implied-label";
import { writeAudit } from "./audit";
import { labelSnapshot } from "./labels";

// The label half of an accept / edit (rule in lib/core/implied-label.ts), written in the
// decision's transaction. Its audit event names the decision's event (`recordedWith`), so undoing
// the decision also undoes the label it recorded (lib/data/audit.ts undoLast), and vice versa.

const RECORDED_WITH = "recordedWith";

export async function recordImpliedLabel(
  tx: Tx, input: { traceId: string; actor: string; location: number; eventId: string; via: "accept" | "edit" },
): Promise<ImpliedLabel> {
  const existing = await tx.firstErrorLabel.findMany({
    where: { traceId: input.traceId, source: "human" }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], select: { annotator: true, step: true },
  });
  const r = impliedLabel(existing, input.location);
  if (!r.recorded) return r;
  const row = await tx.firstErrorLabel.create({
    data: {
      traceId: input.traceId, source: "human", annotator: input.actor, step: r.step,
      note: `recorded with the ${input.via === "accept" ? "accepted" : "edited"} intervention at step ${r.step}`,
    },
  });
  await writeAudit(tx, {
    actor: input.actor, action: "label.set", entity: "FirstErrorLabel", entityId: row.id, traceId: input.traceId,
    before: null, after: { ...labelSnapshot(row), [RECORDED_WITH]: input.eventId },
  });
  return r;
}
