import { prisma, type Tx } from "@/lib/db";
import { canEditComment, canWriteComment, type CommentActor } from "@/lib/core/comments/rules";
import { listComments, type CommentView } from "./comments";

// What the comment thread of a trace needs besides the comments: the dataset (for the actions'
// revalidation), the step count and the interventions a comment can anchor to.
export type CommentThread = {
  traceId: string;
  datasetId: string;
  stepCount: number;
  interventions: { id: string; location: number; status: string }[];
  comments: CommentView[];
};

export async function getCommentThread(traceId: string, db: Tx = prisma): Promise<CommentThread | null> {
  const t = await db.trace.findUnique({
    where: { id: traceId },
    select: { id: true, datasetId: true, stepCount: true, interventions: { select: { id: true, location: true, status: true }, orderBy: [{ location: "asc" }, { createdAt: "asc" }] } },
  });
  if (!t) return null;
  return { traceId: t.id, datasetId: t.datasetId, stepCount: t.stepCount, interventions: t.interventions, comments: await listComments(t.id, db) };
}

export type ThreadComment = CommentView & { canEdit: boolean };
/** The thread as one reader sees it: what they may do with it and with each comment. */
export type ThreadData = Omit<CommentThread, "comments"> & { comments: ThreadComment[]; me: { name: string; canWrite: boolean } };

export function threadFor(thread: CommentThread, actor: CommentActor): ThreadData {
  return {
    ...thread,
    me: { name: actor.name, canWrite: canWriteComment(actor) },
    comments: thread.comments.map((c) => ({ ...c, canEdit: canEditComment(actor, c.author) })),
  };
}
