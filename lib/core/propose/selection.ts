// Which traces a proposal run sends to the model (issue 12 §1; method.md §1: only incorrect
// attempts go on to be proposed for, and the verifier needs the reference solution).
// Pure: the data layer supplies each trace's answer check and whether its problem has a
// reference; this decides, counts and words it.

export type AnswerCheck = "correct" | "wrong" | "unknown";
export type SelectionOptions = { includeCorrect: boolean; includeNoReference: boolean };
export type SelectionTrace = { id: string; answer: AnswerCheck; hasReference: boolean; done: boolean };

export type SelectionCounts = {
  selected: number; // traces under the filter / in the selection
  wrong: number; // sent: the final answer is wrong
  unknown: number; // sent: the answer could not be graded
  correctSent: number; // sent: correct, because a person included them
  noReferenceSent: number; // sent without a reference, because a person included them
  correctSkipped: number;
  noReferenceSkipped: number;
  alreadyDone: number; // skipped: a parsed proposal from the same model exists
  overLimit: number; // left out by --limit
  includeCorrect: boolean;
  includeNoReference: boolean;
};

export type Selection = { send: string[]; counts: SelectionCounts };

/**
 * In input order. A correct trace is skipped before anything else is asked of it; then a trace
 * without a reference is refused; `limit` applies to what is left (the traces actually sent).
 */
export function decideSelection(traces: SelectionTrace[], o: SelectionOptions, limit?: number): Selection {
  const c: SelectionCounts = {
    selected: traces.length,
    wrong: 0,
    unknown: 0,
    correctSent: 0,
    noReferenceSent: 0,
    correctSkipped: 0,
    noReferenceSkipped: 0,
    alreadyDone: 0,
    overLimit: 0,
    includeCorrect: o.includeCorrect,
    includeNoReference: o.includeNoReference,
  };
  const send: string[] = [];
  for (const t of traces) {
    if (t.done) {
      c.alreadyDone++;
      continue;
    }
    if (t.answer === "correct" && !o.includeCorrect) {
      c.correctSkipped++;
      continue;
    }
    if (!t.hasReference && !o.includeNoReference) {
      c.noReferenceSkipped++;
      continue;
    }
    if (limit !== undefined && send.length >= limit) {
      c.overLimit++;
      continue;
    }
    send.push(t.id);
    if (t.answer === "correct") c.correctSent++;
    else if (t.answer === "wrong") c.wrong++;
    else c.unknown++;
    if (!t.hasReference) c.noReferenceSent++;
  }
  return { send, counts: c };
}

const n = (x: number) => x.toLocaleString("en");
const traces = (x: number, what: string) => `${n(x)} ${what} trace${x === 1 ? "" : "s"}`;

/** What will be sent and what is skipped, e.g. "Propose for 500 wrong-answer traces (500 correct skipped, 0 without a reference)". */
export function describeSelection(c: SelectionCounts): string {
  const sent = [traces(c.wrong, "wrong-answer")];
  if (c.unknown > 0) sent.push(`${n(c.unknown)} that cannot be graded`);
  if (c.correctSent > 0) sent.push(`${n(c.correctSent)} correct (included)`);
  const notes = [c.includeCorrect ? `correct included` : `${n(c.correctSkipped)} correct skipped`];
  notes.push(
    c.includeNoReference
      ? `${n(c.noReferenceSent)} sent without a reference`
      : `${n(c.noReferenceSkipped)} without a reference`,
  );
  if (c.alreadyDone > 0) notes.push(`${n(c.alreadyDone)} already proposed`);
  if (c.overLimit > 0) notes.push(`${n(c.overLimit)} over the limit`);
  return `Propose for ${sent.join(" + ")} (${notes.join(", ")})`;
}

export const sentCount = (c: SelectionCounts) => c.wrong + c.unknown + c.correctSent;

/**
 * Why nothing would be sent because of the method's skips, naming what would include them; null
 * when something is sent, or when nothing is skipped for those reasons (an empty run stays an
 * empty job, e.g. a resumed run whose traces are all proposed already).
 */
export function nothingToSend(
  c: SelectionCounts,
  flags: { includeCorrect: string; includeNoReference: string },
): string | null {
  if (sentCount(c) > 0 || c.correctSkipped + c.noReferenceSkipped === 0) return null;
  if (c.selected === 1 && c.noReferenceSkipped === 1) {
    return `This problem has no reference solution: the method checks the attempt against it, so nothing was sent (${flags.includeNoReference} to send it anyway).`;
  }
  const hints = [
    ...(c.correctSkipped > 0 ? [`${flags.includeCorrect} to include correct ones`] : []),
    ...(c.noReferenceSkipped > 0 ? [`${flags.includeNoReference} to send traces without a reference`] : []),
  ];
  return `Nothing to propose: ${describeSelection(c).replace(/^Propose for /, "")}.${hints.length ? ` Use ${hints.join("; ")}.` : ""}`;
}
