"use server";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";
import { COMMENT_MAX_CHARS } from "@/lib/core/comments/rules";
import type { CommentResult, CommentView } from "@/lib/data/comments";
import { offLoop } from "@/lib/data/off-loop";

// Comment writes (issue 13 §4): zod in, ActionResult out. Each names the version it read; the
// data layer refuses stale writes and applies who-may-edit (lib/core/comments/rules.ts). The
// page and the queue screens refetch the thread (GET /api/traces/:id/comments) after a write.
// No revalidatePath: it would make Next send the whole review page again (a 400-step trace)
// for a comment; the trace list is force-dynamic, so its "has open comments" filter is fresh.

const Id = z.string().min(1).max(64);
const Body = z.string().max(COMMENT_MAX_CHARS, `At most ${COMMENT_MAX_CHARS.toLocaleString("en")} characters`);
const Version = z.number().int().min(0);

const Add = z.object({
  traceId: Id,
  step: z.number().int().min(1).nullable().default(null),
  interventionId: Id.nullable().default(null),
  body: Body,
});
const Edit = z.object({ id: Id, expectedVersion: Version, body: Body });
const Status = z.object({ id: Id, expectedVersion: Version });

export type CommentActionResult = ActionResult<{ comment: CommentView }>;

const done = (r: CommentResult): CommentActionResult => (r.ok ? ok({ comment: r.comment }) : fail(r.reason));
const opts = (name: string) => ({ role: "annotator" as const, name });

export const writeComment = defineAction(Add, opts("writeComment"), async (i, actor) =>
  done(
    await offLoop(actor, "addComment", {
      traceId: i.traceId,
      step: i.step,
      interventionId: i.interventionId,
      body: i.body,
      actor,
    }),
  ),
);

export const editCommentText = defineAction(Edit, opts("editCommentText"), async (i, actor) =>
  done(await offLoop(actor, "editComment", { id: i.id, expectedVersion: i.expectedVersion, body: i.body, actor })),
);

export const resolveComment = defineAction(Status, opts("resolveComment"), async (i, actor) =>
  done(
    await offLoop(actor, "setCommentStatus", {
      id: i.id,
      expectedVersion: i.expectedVersion,
      status: "resolved",
      actor,
    }),
  ),
);

export const reopenComment = defineAction(Status, opts("reopenComment"), async (i, actor) =>
  done(
    await offLoop(actor, "setCommentStatus", { id: i.id, expectedVersion: i.expectedVersion, status: "open", actor }),
  ),
);
