import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import { recomputeTrace } from "./traces";
import { markRolloutsStale } from "./stale-rollouts";
import { NLL_CLEARED } from "@/lib/core/onpolicy/nll";

type Text = { content: string; location: number };

// The audit trail: every change a person makes is one AuditEvent written in the same
// transaction as the change, with JSON snapshots of the row before and after.
// Undo is itself an event (action "undo", after = { undoes: eventId }), so the trail
// stays append-only and an undone event is never undone twice.

export type AuditEntity = "FirstErrorLabel" | "Intervention" | "Trace" | "Comment";
/** Rows whose changes are audited without a per-trace undo: settings, prompt templates, jobs, datasets. */
export type AuditedEntity = AuditEntity | "Setting" | "PromptTemplate" | "Job" | "Dataset";

export type AuditInput = {
  actor: string;
  action: string;
  entity: AuditedEntity;
  entityId: string;
  traceId: string | null;
  before: unknown;
  after: unknown;
};

export type AuditEventView = {
  id: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  traceId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
};

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Writes one AuditEvent, in the transaction of the change it records. */
export async function writeAudit(tx: Tx, e: AuditInput) {
  return tx.auditEvent.create({
    data: { actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, traceId: e.traceId, before: json(e.before), after: json(e.after) },
  });
}

/** An AuditEvent on its own, after a change that was written elsewhere (a prompt template version). */
export const recordAudit = (e: AuditInput) => writeAudit(prisma, e);

function parse(s: string | null): Record<string, unknown> | null {
  if (s === null) return null;
  try {
    const v = JSON.parse(s);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

type Row = { id: string; actor: string; action: string; entity: string; entityId: string; traceId: string | null; before: string | null; after: string | null; createdAt: Date };
export const toView = (r: Row): AuditEventView => ({ ...r, before: parse(r.before), after: parse(r.after) });

export async function listAudit(traceId: string, take = 50, db: Tx = prisma): Promise<AuditEventView[]> {
  const rows = await db.auditEvent.findMany({ where: { traceId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  return rows.map(toView);
}

/** The latest event that touched a row: who changed it last, and when. */
export async function lastChange(entity: AuditEntity, entityId: string, db: Tx = prisma): Promise<AuditEventView | null> {
  const r = await db.auditEvent.findFirst({ where: { entity, entityId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return r ? toView(r) : null;
}

/** The newest event of `actor` on this trace that is not an undo and has not been undone. */
export async function lastUndoable(traceId: string, actor: string, db: Tx = prisma): Promise<AuditEventView | null> {
  const rows = await db.auditEvent.findMany({ where: { traceId, actor }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200 });
  const undone = new Set<string>();
  for (const r of rows) {
    const v = toView(r);
    if (v.action === "undo") {
      const id = v.after?.undoes;
      if (typeof id === "string") undone.add(id);
      continue;
    }
    if (!undone.has(v.id)) return v;
  }
  return null;
}

/** "10:31 UTC" (same day) or "2026-11-25 10:31 UTC". */
export function formatWhen(d: Date, now = new Date()): string {
  const iso = d.toISOString();
  const day = iso.slice(0, 10);
  return (day === now.toISOString().slice(0, 10) ? "" : `${day} `) + `${iso.slice(11, 16)} UTC`;
}

const short = (v: unknown) => {
  const s = v === null || v === undefined ? "none" : typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** What differs between two snapshots, e.g. "status proposed -> accepted; content changed". */
export function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null, fields: readonly string[]): string {
  if (after?.deleted === true) return "removed";
  if (!before && after) return "created";
  if (before && !after) return "deleted";
  if (!before || !after) return "changed";
  const parts: string[] = [];
  for (const f of fields) {
    if (JSON.stringify(before[f]) === JSON.stringify(after[f])) continue;
    parts.push(f === "content" || f === "note" ? `${f} changed` : `${f} ${short(before[f])} -> ${short(after[f])}`);
  }
  return parts.length ? parts.join("; ") : "changed";
}

const VERBS: Record<string, string> = {
  "label.set": "set", "label.final": "adjudicated", "label.create": "set", "label.undo": "reverted",
  "intervention.create": "created", "intervention.accept": "accepted", "intervention.reject": "rejected",
  "intervention.edit": "edited", "undo": "reverted",
};

/** The refusal of a stale write: who changed the row last, when, and what changed. */
export async function staleMessage(entity: AuditEntity, entityId: string, noun: string, fields: readonly string[], db: Tx = prisma): Promise<string> {
  const last = await lastChange(entity, entityId, db);
  if (!last) return `${noun} was changed since you loaded it; reload to see it`;
  const verb = VERBS[last.action] ?? "changed";
  return `${noun} was ${verb} by ${last.actor} at ${formatWhen(last.createdAt)} (${describeChange(last.before, last.after, fields)}); reload to see it`;
}

/** Thrown inside a transaction to abort it; callers turn it into a refused result. */
export class Refused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Refused";
  }
}

// ---- undo -------------------------------------------------------------------------------

const LABEL_KEYS = ["step", "checkFactual", "checkNotRecovered", "note", "badProblem", "badReference", "unsure"] as const;
const INTERVENTION_KEYS = ["status", "location", "content", "originalContent"] as const;
const pick = (row: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));
const same = (a: Record<string, unknown>, b: Record<string, unknown>, keys: readonly string[]) => keys.every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null));

export type UndoResult =
  | { ok: true; undone: AuditEventView; alsoUndone: AuditEventView | null; trace: { id: string; status: string; hasIntervention: boolean; humanStep: number | null; version: number } }
  | { ok: false; reason: string };

// A label recorded by an accept / edit (lib/data/implied-label.ts) names that decision's event in
// `after.recordedWith`: the two were one act of the person, so undo reverts them together.
const RECORDED_WITH = "recordedWith";

async function isUndone(tx: Tx, eventId: string, traceId: string): Promise<boolean> {
  return (await tx.auditEvent.count({ where: { traceId, action: "undo", after: { contains: `"undoes":${JSON.stringify(eventId)}` } } })) > 0;
}

/** The other half of a decision + recorded label, when there is one and it is not undone yet. */
async function linkedEvent(tx: Tx, ev: AuditEventView, traceId: string): Promise<AuditEventView | null> {
  const to = ev.after?.[RECORDED_WITH];
  const row = typeof to === "string"
    ? await tx.auditEvent.findUnique({ where: { id: to } })
    : ev.entity === "Intervention"
      ? await tx.auditEvent.findFirst({ where: { traceId, entity: "FirstErrorLabel", actor: ev.actor, after: { contains: `"${RECORDED_WITH}":${JSON.stringify(ev.id)}` } } })
      : null;
  if (!row || row.actor !== ev.actor || (await isUndone(tx, row.id, traceId))) return null;
  return toView(row);
}

/** Reverts one event's change (refused when the row no longer looks as that event left it), audited as an undo. */
async function revert(tx: Tx, ev: AuditEventView, traceId: string, actor: string) {
  const isLabel = ev.entity === "FirstErrorLabel";
  const keys = isLabel ? LABEL_KEYS : INTERVENTION_KEYS;
  const noun = isLabel ? "Your label" : "Intervention";
  const msgKeys = keys.filter((k) => k !== "originalContent");
  const cur = isLabel
    ? await tx.firstErrorLabel.findUnique({ where: { id: ev.entityId } })
    : ev.entity === "Intervention" ? await tx.intervention.findUnique({ where: { id: ev.entityId } }) : null;
  if (!cur || !ev.after || !same(cur as unknown as Record<string, unknown>, ev.after, keys)) {
    throw new Refused(`Cannot undo: ${(await staleMessage(ev.entity as AuditEntity, ev.entityId, noun, msgKeys, tx)).replace("; reload to see it", "")}`);
  }
  const before = pick(cur as unknown as Record<string, unknown>, keys);
  let after: Record<string, unknown>;
  if (ev.before === null) {
    if (isLabel) await tx.firstErrorLabel.delete({ where: { id: cur.id } });
    else await tx.intervention.delete({ where: { id: cur.id } });
    after = { deleted: true };
  } else {
    const restore = pick(ev.before, keys);
    const was = cur as unknown as Record<string, unknown>;
    // other text than was scored: the on-policyness score is stale
    const moved = !isLabel && (restore.content !== was.content || restore.location !== was.location);
    const data = { ...restore, ...(moved ? NLL_CLEARED : {}), version: { increment: 1 } };
    const n = isLabel
      ? await tx.firstErrorLabel.updateMany({ where: { id: cur.id, version: cur.version }, data })
      : await tx.intervention.updateMany({ where: { id: cur.id, version: cur.version }, data });
    if (n.count !== 1) throw new Refused(await staleMessage(ev.entity as AuditEntity, ev.entityId, noun, msgKeys, tx));
    // restoring older text makes the rollouts of the undone text stale, as an edit does
    if (!isLabel) await markRolloutsStale(tx, { id: cur.id, actor, before: cur as unknown as Text, after: restore as Text });
    after = restore;
  }
  await writeAudit(tx, { actor, action: "undo", entity: ev.entity as AuditEntity, entityId: ev.entityId, traceId, before, after: { ...after, undoes: ev.id, undoneAction: ev.action } });
}

/**
 * Revert the newest not-yet-undone change of `actor` on this trace (with the label an accept /
 * edit recorded, or the decision that recorded a label). Refused when a row no longer looks as
 * that change left it (someone changed it since): nothing is overwritten.
 */
export async function undoLast(traceId: string, actor: string): Promise<UndoResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const last = await lastUndoable(traceId, actor, tx);
      if (!last) throw new Refused("Nothing of yours to undo on this trace");
      const linked = await linkedEvent(tx, last, traceId);
      // report the decision as what was undone, the recorded label as what went with it
      const [ev, also] = linked && last.entity === "FirstErrorLabel" ? [linked, last] : [last, linked];
      await revert(tx, ev, traceId, actor);
      if (also) await revert(tx, also, traceId, actor);
      const trace = await recomputeTrace(tx, traceId);
      return { ok: true as const, undone: ev, alsoUndone: also, trace };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}
