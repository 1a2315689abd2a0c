import { prisma } from "@/lib/db";
import type { FirstErrorLabel } from "@/lib/generated/prisma/client";
import { Refused, staleMessage, writeAudit } from "./audit";
import { recomputeTrace } from "./traces";
import { table } from "./sql-types";

// (names checked against the schema by tsc: ./sql-types.ts)
const T = table("Trace");
const TAKE_WRITE_LOCK = `UPDATE ${T} SET ${T.version} = ${T.version} WHERE ${T.id} = ?`;

// A person's first-error label: one row per (trace, "human", annotator). Writes name the
// version they read (null = "I saw no label of mine"); a stale write is refused, never merged.

export type LabelInput = {
  traceId: string;
  actor: string;
  step: number | null; // 1-based; null = no error
  checkFactual?: boolean | null;
  checkNotRecovered?: boolean | null;
  note?: string;
  badProblem?: boolean;
  badReference?: boolean;
  unsure?: boolean;
  expectedVersion: number | null;
};

export type WriteResult<T> = { ok: true; value: T; trace: TraceState } | { ok: false; reason: string };
export type TraceState = { id: string; status: string; hasIntervention: boolean; humanStep: number | null; version: number };

export const LABEL_FIELDS = ["step", "checkFactual", "checkNotRecovered", "note", "badProblem", "badReference", "unsure"] as const;

export function labelSnapshot(l: FirstErrorLabel) {
  return {
    id: l.id, traceId: l.traceId, source: l.source, annotator: l.annotator, step: l.step,
    checkFactual: l.checkFactual, checkNotRecovered: l.checkNotRecovered, note: l.note,
    badProblem: l.badProblem, badReference: l.badReference, unsure: l.unsure, version: l.version,
  };
}

/** What every label write sets (the checks are cleared for "no error"; an omitted note keeps the current one). */
type LabelFields = { checkFactual?: boolean | null; checkNotRecovered?: boolean | null; note?: string };
/** Fields only some labels have (a person's flags), from the row being replaced. */
type ExtraFields = Partial<Pick<FirstErrorLabel, "badProblem" | "badReference" | "unsure">>;

/**
 * One label row (trace, source, annotator) written the one way every label is: the write lock first, the step checked
 * against the trace, the version the writer read compared (a stale write is refused, naming who changed it), an
 * audit event, the trace's state recomputed. A person's label (setHumanLabel) and the final label
 * (lib/data/final-label.ts) are both written here.
 */
export async function writeLabelRow(o: {
  traceId: string;
  source: string;
  annotator: string;
  actor: string;
  action: string; // the audit action: label.set, label.final
  who: string; // how a refusal names the row: "Your label", "The final label"
  step: number | null;
  expectedVersion: number | null;
  fields: LabelFields;
  extra?: (current: FirstErrorLabel | null) => ExtraFields;
  auditExtra?: Record<string, unknown>;
}): Promise<WriteResult<FirstErrorLabel>> {
  try {
    return await prisma.$transaction(async (tx) => {
      // Take the write lock first (a no-op write): Prisma opens the transaction with a deferred
      // BEGIN, and a transaction that reads before it writes is refused at its first write
      // (SQLITE_BUSY_SNAPSHOT, no waiting) whenever another process committed in between: two
      // servers, or the server and the CLI, labelling at once (lib/data/queue-race.test.ts).
      await tx.$executeRawUnsafe(TAKE_WRITE_LOCK, o.traceId);
      const trace = await tx.trace.findUnique({ where: { id: o.traceId }, select: { stepCount: true } });
      if (!trace) throw new Refused("Trace not found; it may have been deleted");
      if (o.step !== null && (!Number.isInteger(o.step) || o.step < 1 || o.step > trace.stepCount)) {
        throw new Refused(`Step ${o.step} is outside 1..${trace.stepCount}`);
      }
      const key = { traceId_source_annotator: { traceId: o.traceId, source: o.source, annotator: o.annotator } };
      const current = await tx.firstErrorLabel.findUnique({ where: key });
      const data = {
        step: o.step,
        checkFactual: o.step === null ? null : (o.fields.checkFactual ?? null),
        checkNotRecovered: o.step === null ? null : (o.fields.checkNotRecovered ?? null),
        note: o.fields.note ?? current?.note ?? "",
        ...o.extra?.(current),
      };
      let row: FirstErrorLabel;
      if (!current) {
        if (o.expectedVersion !== null) {
          throw new Refused(`${o.who} was removed since you loaded it (undone); reload to see it`);
        }
        row = await tx.firstErrorLabel.create({
          data: { ...data, traceId: o.traceId, source: o.source, annotator: o.annotator },
        });
      } else {
        const stale = async () => new Refused(await staleMessage("FirstErrorLabel", current.id, o.who, LABEL_FIELDS, tx));
        if (o.expectedVersion !== current.version) throw await stale();
        const n = await tx.firstErrorLabel.updateMany({
          where: { id: current.id, version: current.version },
          data: { ...data, version: { increment: 1 } },
        });
        if (n.count !== 1) throw await stale();
        row = await tx.firstErrorLabel.findUniqueOrThrow({ where: { id: current.id } });
      }
      await writeAudit(tx, {
        actor: o.actor,
        action: o.action,
        entity: "FirstErrorLabel",
        entityId: row.id,
        traceId: o.traceId,
        before: current ? labelSnapshot(current) : null,
        after: { ...labelSnapshot(row), ...o.auditExtra },
      });
      const t = await recomputeTrace(tx, o.traceId);
      return { ok: true as const, value: row, trace: t };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}

export async function setHumanLabel(input: LabelInput): Promise<WriteResult<FirstErrorLabel>> {
  return writeLabelRow({
    traceId: input.traceId,
    source: "human",
    annotator: input.actor,
    actor: input.actor,
    action: "label.set",
    who: "Your label",
    step: input.step,
    expectedVersion: input.expectedVersion,
    fields: input,
    extra: (current) => ({
      badProblem: input.badProblem ?? current?.badProblem ?? false,
      badReference: input.badReference ?? current?.badReference ?? false,
      unsure: input.unsure ?? current?.unsure ?? false,
    }),
  });
}
