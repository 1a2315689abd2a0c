// Markers for anchored comments: how many comments (and how many still open) sit on each step and
// each intervention. Pure, so the review screen's step list and intervention list agree.

export type CommentCount = { open: number; total: number };
export type CommentMarks = { steps: Record<number, CommentCount>; interventions: Record<string, CommentCount> };

type Anchored = { step: number | null; interventionId: string | null; status: string };

export function commentMarks(comments: readonly Anchored[]): CommentMarks {
  const out: CommentMarks = { steps: {}, interventions: {} };
  const bump = (rec: Record<string | number, CommentCount>, k: string | number, open: boolean) => {
    const c = (rec[k] ??= { open: 0, total: 0 });
    c.total++;
    if (open) c.open++;
  };
  for (const c of comments) {
    const open = c.status === "open";
    if (c.step !== null) bump(out.steps, c.step, open);
    else if (c.interventionId !== null) bump(out.interventions, c.interventionId, open);
  }
  return out;
}

/** "2 comments, 1 open" / "1 open comment" / "1 resolved comment". */
export function describeCount(c: CommentCount): string {
  if (c.total === 1) return c.open ? "1 open comment" : "1 resolved comment";
  return `${c.total} comments, ${c.open} open`;
}
