import { roleAtLeast, type Role } from "@/lib/core/roles";

// Who may work a queue. Annotators work queues open to anyone, or assigned ones that name them;
// an assigned queue is invisible to everyone else below curator. Curators and admins see every
// queue (they create and watch them) and may work them too. Viewers work none. Adjudicating sets
// the final label and reviewing accepts / edits / rejects interventions: both are the curator's role
// (issue 13 §1), so an annotator sees those queues but cannot take their items.
export const workRole = (task: string | undefined): Role =>
  task === "adjudicate" || task === "review" ? "curator" : "annotator";

export function mayWork(
  q: { assignees: readonly string[]; task?: string },
  who: { name: string; role: Role },
): boolean {
  if (!roleAtLeast(who.role, workRole(q.task))) return false;
  if (roleAtLeast(who.role, "curator")) return true;
  return q.assignees.length === 0 || q.assignees.includes(who.name);
}

export function maySee(q: { assignees: readonly string[] }, who: { name: string; role: Role }): boolean {
  if (roleAtLeast(who.role, "curator")) return true;
  return q.assignees.length === 0 || q.assignees.includes(who.name);
}
