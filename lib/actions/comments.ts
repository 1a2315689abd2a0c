"use server";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { AuthError, requireRole, type Actor } from "@/lib/auth/actor";
import { COMMENT_MAX_CHARS } from "@/lib/core/comments/rules";
import { addComment, editComment, setCommentStatus, type CommentResult, type CommentView } from "@/lib/data/comments";

// Comment writes (issue 13 §4): zod in, ActionResult out. Each names the version it read; the
// data layer refuses stale writes and applies who-may-edit (lib/core/comments/rules.ts). The
// page and the queue screens refetch the thread (GET /api/traces/:id/comments) after a write.
// No revalidatePath: it would make Next send the whole review page again (a 400-step trace)
// for a comment; the trace list is force-dynamic, so its "has open comments" filter is fresh.

const Id = z.string().min(1).max(64);
const Body = z.string().max(COMMENT_MAX_CHARS, `At most ${COMMENT_MAX_CHARS.toLocaleString("en")} characters`);
const Version = z.number().int().min(0);

const Add = z.object({ traceId: Id, step: z.number().int().min(1).nullable().default(null), interventionId: Id.nullable().default(null), body: Body });
const Edit = z.object({ id: Id, expectedVersion: Version, body: Body });
const Status = z.object({ id: Id, expectedVersion: Version });

export type CommentActionResult = ActionResult<{ comment: CommentView }>;

async function withActor<S extends z.ZodType>(schema: S, raw: unknown, fn: (input: z.infer<S>, actor: Actor) => Promise<CommentResult>): Promise<CommentActionResult> {
  const p = schema.safeParse(raw);
  if (!p.success) {
    const fe = z.flattenError(p.error).fieldErrors as Record<string, string[]>;
    return fail(`Invalid input: ${Object.entries(fe).map(([k, v]) => `${k} (${v[0]})`).join(", ")}`, fe);
  }
  let actor: Actor;
  try {
    actor = await requireRole("annotator");
  } catch (e) {
    if (e instanceof AuthError) return fail(e.message);
    throw e;
  }
  const r = await fn(p.data, actor);
  if (!r.ok) return fail(r.reason);
  return ok({ comment: r.comment });
}

export async function writeComment(raw: z.input<typeof Add>): Promise<CommentActionResult> {
  return withActor(Add, raw, (i, actor) => addComment({ traceId: i.traceId, step: i.step, interventionId: i.interventionId, body: i.body, actor }));
}

export async function editCommentText(raw: z.input<typeof Edit>): Promise<CommentActionResult> {
  return withActor(Edit, raw, (i, actor) => editComment({ id: i.id, expectedVersion: i.expectedVersion, body: i.body, actor }));
}

export async function resolveComment(raw: z.input<typeof Status>): Promise<CommentActionResult> {
  return withActor(Status, raw, (i, actor) => setCommentStatus({ id: i.id, expectedVersion: i.expectedVersion, status: "resolved", actor }));
}

export async function reopenComment(raw: z.input<typeof Status>): Promise<CommentActionResult> {
  return withActor(Status, raw, (i, actor) => setCommentStatus({ id: i.id, expectedVersion: i.expectedVersion, status: "open", actor }));
}
