import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import type { Intervention } from "@/lib/generated/prisma/client";
import { sha256 } from "@/lib/core/hash";
import { NLL_CLEARED } from "@/lib/core/onpolicy/nll";
import { Refused, staleMessage, writeAudit } from "./audit";
import type { WriteResult } from "./labels";
import { recomputeTrace } from "./traces";
import { markRolloutsStale } from "./stale-rollouts";
import { recordImpliedLabel } from "./implied-label";
import type { ImpliedLabel } from "@/lib/core/implied-label";

// Interventions a person writes or decides on. Every write runs in one transaction:
// the row, the trace's derived status (+ version) and an AuditEvent with before/after.
// Updates name the version they read; a stale one is refused with who/when/what changed.

export const INTERVENTION_FIELDS = ["status", "location", "content"] as const;

export function interventionSnapshot(i: Intervention) {
  return {
    id: i.id, traceId: i.traceId, location: i.location, content: i.content, status: i.status, origin: i.origin,
    originalContent: i.originalContent, author: i.author, version: i.version,
  };
}

export const interventionHash = (location: number, content: string) => sha256(String(location), content);

// `label`: what an accept / edit did to the person's first-error label (lib/core/implied-label.ts).
type Done<T> = { value: T; traceId: string; label?: ImpliedLabel };
export type InterventionWrite<T> = WriteResult<T> & { label?: ImpliedLabel };

async function run<T>(fn: (tx: Tx) => Promise<Done<T>>): Promise<InterventionWrite<T>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const { value, traceId, label } = await fn(tx);
      const trace = await recomputeTrace(tx, traceId);
      return { ok: true as const, value, trace, ...(label ? { label } : {}) };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}

async function checkLocation(tx: Tx, traceId: string, location: number) {
  const t = await tx.trace.findUnique({ where: { id: traceId }, select: { stepCount: true } });
  if (!t) throw new Refused("Trace not found; it may have been deleted");
  if (!Number.isInteger(location) || location < 1 || location > t.stepCount) throw new Refused(`Location ${location} is outside steps 1..${t.stepCount}`);
}

export async function createIntervention(input: { traceId: string; actor: string; location: number; content: string }) {
  return run(async (tx) => {
    await checkLocation(tx, input.traceId, input.location);
    if (input.content.trim() === "") throw new Refused("The intervention is empty");
    const contentHash = interventionHash(input.location, input.content);
    const dup = await tx.intervention.findUnique({ where: { traceId_contentHash: { traceId: input.traceId, contentHash } }, select: { status: true } });
    if (dup) throw new Refused(`The same intervention already exists at step ${input.location} (${dup.status})`);
    const row = await tx.intervention.create({
      data: {
        traceId: input.traceId, location: input.location, content: input.content, status: "proposed", origin: "human",
        author: input.actor, contentHash, provenance: JSON.stringify({ author: input.actor, via: "review" }),
      },
    });
    await writeAudit(tx, { actor: input.actor, action: "intervention.create", entity: "Intervention", entityId: row.id, traceId: row.traceId, before: null, after: interventionSnapshot(row) });
    return { value: row, traceId: row.traceId };
  });
}

type Change = { id: string; actor: string; expectedVersion: number };

async function update(tx: Tx, c: Change, action: string, patch: (cur: Intervention) => Partial<Intervention>) {
  const cur = await tx.intervention.findUnique({ where: { id: c.id } });
  if (!cur) throw new Refused("Intervention not found; it may have been removed (undone) by someone else; reload");
  const stale = () => staleMessage("Intervention", cur.id, "Intervention", INTERVENTION_FIELDS, tx);
  if (cur.version !== c.expectedVersion) throw new Refused(await stale());
  const data = patch(cur);
  const n = await tx.intervention.updateMany({ where: { id: cur.id, version: cur.version }, data: { ...data, version: { increment: 1 } } });
  if (n.count !== 1) throw new Refused(await stale());
  const row = await tx.intervention.findUniqueOrThrow({ where: { id: cur.id } });
  const ev = await writeAudit(tx, { actor: c.actor, action, entity: "Intervention", entityId: row.id, traceId: row.traceId, before: interventionSnapshot(cur), after: interventionSnapshot(row) });
  return { value: row, traceId: row.traceId, eventId: ev.id };
}

/** Accept / edit at step k: the person's first-error label at k, unless the trace has a human label. */
const withLabel = async (tx: Tx, c: Change, done: { value: Intervention; traceId: string; eventId: string }, via: "accept" | "edit") => ({
  ...done,
  label: await recordImpliedLabel(tx, { traceId: done.traceId, actor: c.actor, location: done.value.location, eventId: done.eventId, via }),
});

export async function decideIntervention(c: Change & { decision: "accept" | "reject" }) {
  const status = c.decision === "accept" ? "accepted" : "rejected";
  return run(async (tx) => {
    const done = await update(tx, c, `intervention.${c.decision}`, (cur) => {
      if (cur.status === status) throw new Refused(`Intervention is already ${status}`);
      return { status };
    });
    return c.decision === "accept" ? withLabel(tx, c, done, "accept") : done;
  });
}

/** Edit content (and optionally location). The first edit keeps the original content. */
export async function editIntervention(c: Change & { content: string; location?: number }) {
  return run(async (tx) => {
    if (c.content.trim() === "") throw new Refused("The intervention is empty");
    const cur = await tx.intervention.findUnique({ where: { id: c.id }, select: { traceId: true, content: true, location: true } });
    if (cur && c.location !== undefined) await checkLocation(tx, cur.traceId, c.location);
    const done = await update(tx, c, "intervention.edit", (row) => {
      if (row.content === c.content && (c.location === undefined || c.location === row.location)) throw new Refused("Nothing to save: the content is unchanged");
      // the on-policyness score measured the old text: cleared (stale), never carried over
      return { content: c.content, location: c.location ?? row.location, status: "edited", originalContent: row.originalContent ?? row.content, ...NLL_CLEARED };
    });
    // its rollouts continued the old text: they no longer prove this one
    const fresh = cur && (await markRolloutsStale(tx, { id: c.id, actor: c.actor, before: cur, after: done.value }));
    return withLabel(tx, c, fresh ? { ...done, value: fresh } : done, "edit");
  });
}

/** One intervention with where it lives (trace, dataset name), or null when it no longer exists. */
export async function getInterventionPlace(id: string, db: Tx = prisma) {
  return db.intervention.findUnique({
    where: { id },
    select: { id: true, location: true, content: true, status: true, trace: { select: { id: true, datasetId: true, dataset: { select: { name: true } } } } },
  });
}

/** How many of a trace's interventions still wait for a decision (a review queue item is done at 0). */
export async function countProposed(traceId: string, db: Tx = prisma): Promise<number> {
  return db.intervention.count({ where: { traceId, status: "proposed" } });
}
