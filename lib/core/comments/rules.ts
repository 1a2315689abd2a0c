import { roleAtLeast, type Role } from "@/lib/core/roles";

// Who may do what with comments (issue 13 §4; the issue is silent, decided here):
// - annotator and up write comments (viewers read them);
// - only the author edits a comment's text: a comment says what its author said, and the audit
//   trail keeps every earlier text (before/after). No one else, admins included, rewrites it;
// - any annotator and up resolves or reopens any comment: the usual flow is "A asks, B answers
//   and resolves", and a wrong resolve is one click to undo (reopen), both audited.
// Comments are never deleted: resolve is how a comment leaves the "open" filter.

export const COMMENT_MAX_CHARS = 10_000;

export type CommentActor = { name: string; role: Role };
export type CommentStatus = "open" | "resolved";

export function canWriteComment(a: CommentActor): boolean {
  return roleAtLeast(a.role, "annotator");
}

export function canEditComment(a: CommentActor, author: string): boolean {
  return canWriteComment(a) && a.name === author;
}

export function canResolveComment(a: CommentActor): boolean {
  return canWriteComment(a);
}

/** Why an edit is refused, or null when allowed. */
export function editRefusal(a: CommentActor, author: string): string | null {
  if (!canWriteComment(a)) return `Editing a comment needs the annotator role; you are ${a.role}`;
  if (a.name !== author) return `Only ${author} can edit this comment (you can reply or resolve it)`;
  return null;
}

export type CommentAnchor = { step: number | null; interventionId: string | null };

/**
 * Why an anchor does not fit the trace, or null. At most one of step / intervention: an
 * intervention already names its step. Steps are 1-based, as the review screen numbers them.
 */
export function anchorRefusal(
  anchor: CommentAnchor,
  trace: { stepCount: number; interventionIds: readonly string[] },
): string | null {
  if (anchor.step !== null && anchor.interventionId !== null)
    return "Anchor a comment to a step or to an intervention, not both";
  if (anchor.step !== null && (!Number.isInteger(anchor.step) || anchor.step < 1 || anchor.step > trace.stepCount)) {
    return `Step ${anchor.step} is not a step of this trace (1..${trace.stepCount})`;
  }
  if (anchor.interventionId !== null && !trace.interventionIds.includes(anchor.interventionId))
    return "That intervention is not on this trace";
  return null;
}

/** One-line status change refusal (already in that state), or null. */
export function statusRefusal(current: string, next: CommentStatus): string | null {
  if (current === next)
    return next === "resolved" ? "This comment is already resolved" : "This comment is already open";
  return null;
}
