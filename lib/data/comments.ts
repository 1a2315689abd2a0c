import { prisma, type Tx } from "@/lib/db";
import { anchorRefusal, canResolveComment, canWriteComment, editRefusal, statusRefusal, type CommentActor, type CommentStatus } from "@/lib/core/comments/rules";
import { formatWhen, lastChange, Refused, writeAudit } from "./audit";

// Comments on a trace (issue 13 §4). Every write is audited in its transaction (entity
// "Comment": create, edit with the text before and after, resolve, reopen) and names the
// version it read: a stale write is refused with who changed the comment last.

export type CommentView = {
  id: string;
  traceId: string;
  step: number | null;
  interventionId: string | null;
  author: string;
  body: string;
  status: CommentStatus;
  resolvedBy: string | null;
  resolvedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  // earlier texts, oldest first, from the audit trail's edit events
  edits: { actor: string; at: string; before: string; after: string }[];
};

export type CommentResult = { ok: true; comment: CommentView } | { ok: false; reason: string };

const VERB: Record<string, string> = { "comment.edit": "edited", "comment.resolve": "resolved", "comment.reopen": "reopened", "comment.create": "written" };

async function staleComment(id: string, db: Tx): Promise<string> {
  const last = await lastChange("Comment", id, db);
  if (!last) return "This comment was changed since you loaded it; reload to see it";
  return `This comment was ${VERB[last.action] ?? "changed"} by ${last.actor} at ${formatWhen(last.createdAt)}; reload to see it`;
}

type Row = { id: string; traceId: string; step: number | null; interventionId: string | null; author: string; body: string; status: string; resolvedBy: string | null; resolvedAt: Date | null; version: number; createdAt: Date; updatedAt: Date };

function view(r: Row, edits: CommentView["edits"] = []): CommentView {
  return {
    id: r.id, traceId: r.traceId, step: r.step, interventionId: r.interventionId, author: r.author, body: r.body,
    status: r.status === "resolved" ? "resolved" : "open", resolvedBy: r.resolvedBy, resolvedAt: r.resolvedAt?.toISOString() ?? null,
    version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), edits,
  };
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** The trace's comments, oldest first, each with its edit history from the audit trail. */
export async function listComments(traceId: string, db: Tx = prisma): Promise<CommentView[]> {
  const rows = await db.comment.findMany({ where: { traceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (!rows.length) return [];
  const events = await db.auditEvent.findMany({
    where: { entity: "Comment", action: "comment.edit", entityId: { in: rows.map((r) => r.id) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byId = new Map<string, CommentView["edits"]>();
  for (const e of events) {
    const list = byId.get(e.entityId) ?? [];
    list.push({ actor: e.actor, at: e.createdAt.toISOString(), before: str(parseBody(e.before)), after: str(parseBody(e.after)) });
    byId.set(e.entityId, list);
  }
  return rows.map((r) => view(r, byId.get(r.id)));
}

function parseBody(s: string | null): unknown {
  if (s === null) return null;
  try {
    return (JSON.parse(s) as { body?: unknown }).body;
  } catch {
    return null;
  }
}

export type AddCommentInput = { traceId: string; step: number | null; interventionId: string | null; body: string; actor: CommentActor };

export async function addComment(input: AddCommentInput): Promise<CommentResult> {
  if (!canWriteComment(input.actor)) return { ok: false, reason: `Commenting needs the annotator role; you are ${input.actor.role}` };
  if (input.body.trim() === "") return { ok: false, reason: "Write something first: the comment is empty" };
  return run(async (tx) => {
    const trace = await tx.trace.findUnique({ where: { id: input.traceId }, select: { id: true, datasetId: true, stepCount: true, interventions: { select: { id: true } } } });
    if (!trace) throw new Refused("This trace no longer exists");
    const why = anchorRefusal(input, { stepCount: trace.stepCount, interventionIds: trace.interventions.map((i) => i.id) });
    if (why) throw new Refused(why);
    const row = await tx.comment.create({
      data: { traceId: trace.id, datasetId: trace.datasetId, step: input.step, interventionId: input.interventionId, author: input.actor.name, body: input.body },
    });
    await writeAudit(tx, { actor: input.actor.name, action: "comment.create", entity: "Comment", entityId: row.id, traceId: trace.id, before: null, after: { body: row.body, step: row.step, interventionId: row.interventionId } });
    return view(row);
  });
}

export type EditCommentInput = { id: string; expectedVersion: number; body: string; actor: CommentActor };

export async function editComment(input: EditCommentInput): Promise<CommentResult> {
  if (input.body.trim() === "") return { ok: false, reason: "A comment cannot be emptied: resolve it instead" };
  return run(async (tx) => {
    const cur = await tx.comment.findUnique({ where: { id: input.id } });
    if (!cur) throw new Refused("This comment no longer exists");
    const why = editRefusal(input.actor, cur.author);
    if (why) throw new Refused(why);
    if (cur.version !== input.expectedVersion) throw new Refused(await staleComment(cur.id, tx));
    if (cur.body === input.body) return view(cur);
    const n = await tx.comment.updateMany({ where: { id: cur.id, version: cur.version }, data: { body: input.body, version: { increment: 1 } } });
    if (n.count !== 1) throw new Refused(await staleComment(cur.id, tx));
    await writeAudit(tx, { actor: input.actor.name, action: "comment.edit", entity: "Comment", entityId: cur.id, traceId: cur.traceId, before: { body: cur.body }, after: { body: input.body } });
    return view((await tx.comment.findUnique({ where: { id: cur.id } }))!);
  });
}

export type SetCommentStatusInput = { id: string; expectedVersion: number; status: CommentStatus; actor: CommentActor };

/** Resolve or reopen. */
export async function setCommentStatus(input: SetCommentStatusInput): Promise<CommentResult> {
  if (!canResolveComment(input.actor)) return { ok: false, reason: `Resolving a comment needs the annotator role; you are ${input.actor.role}` };
  return run(async (tx) => {
    const cur = await tx.comment.findUnique({ where: { id: input.id } });
    if (!cur) throw new Refused("This comment no longer exists");
    if (cur.version !== input.expectedVersion) throw new Refused(await staleComment(cur.id, tx));
    const why = statusRefusal(cur.status, input.status);
    if (why) throw new Refused(why);
    const resolved = input.status === "resolved";
    const data = { status: input.status, resolvedBy: resolved ? input.actor.name : null, resolvedAt: resolved ? new Date() : null };
    const n = await tx.comment.updateMany({ where: { id: cur.id, version: cur.version }, data: { ...data, version: { increment: 1 } } });
    if (n.count !== 1) throw new Refused(await staleComment(cur.id, tx));
    await writeAudit(tx, {
      actor: input.actor.name, action: resolved ? "comment.resolve" : "comment.reopen", entity: "Comment", entityId: cur.id, traceId: cur.traceId,
      before: { status: cur.status, resolvedBy: cur.resolvedBy }, after: { status: data.status, resolvedBy: data.resolvedBy },
    });
    return view((await tx.comment.findUnique({ where: { id: cur.id } }))!);
  });
}

async function run(fn: (tx: Tx) => Promise<CommentView>): Promise<CommentResult> {
  try {
    return { ok: true, comment: await prisma.$transaction(fn) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}
