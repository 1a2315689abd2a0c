// What became of one model proposal (issue 12 §4): a parsed intervention; a "no critical error"
// verdict (parsed, with no location: the model left the intervention empty); one held back by the
// leak filter (method.md §5: its content contains the ground-truth answer), which a person may
// edit and accept; or a parse failure. The leak filter lives in the parser (code "answer_leak");
// this only names its result, so the UI and the job summary stop calling it a parse failure.

export type ProposalOutcome = "parsed" | "no_error" | "held_back" | "parse_failed";

export const HELD_BACK_CODE = "answer_leak";
/** The parse reason of a half-made proposal: its turn-1 reply is stored, turn 2 has not run yet. */
export const PENDING_REASON = "pending: turn 2 not run yet";

export function proposalOutcome(p: {
  parseOk: boolean;
  parseReason: string | null;
  location?: number | null;
}): ProposalOutcome {
  if (p.parseOk) return p.location === null ? "no_error" : "parsed";
  return p.parseReason?.startsWith(HELD_BACK_CODE) ? "held_back" : "parse_failed";
}

/** Held back by the leak filter: the stored reason starts with the parser's code ("answer_leak: ..."). */
export function isHeldBack(p: { parseOk?: boolean | null; parseReason?: string | null }): boolean {
  return p.parseOk !== true && typeof p.parseReason === "string" && p.parseReason.startsWith(`${HELD_BACK_CODE}:`);
}

/** The reason without its code, for a person: "the content contains the ground-truth answer \"7\"". */
export function heldBackWhy(parseReason: string): string {
  return parseReason.startsWith(`${HELD_BACK_CODE}: `) ? parseReason.slice(HELD_BACK_CODE.length + 2) : parseReason;
}

/** `held back: contains the answer "1"` */
export function heldBackReason(answer: string): string {
  return `held back: contains the answer ${JSON.stringify(answer.trim())}`;
}

export type OutcomeCounts = Record<ProposalOutcome, number>;

/** "4 proposals: 2 parsed, 2 held back (contain the answer), 0 parse failures" (+ ", 1 no critical error") */
export function describeOutcomes(c: OutcomeCounts): string {
  const total = c.parsed + c.no_error + c.held_back + c.parse_failed;
  const noError = c.no_error ? `, ${c.no_error} no critical error` : "";
  return `${total} proposal${total === 1 ? "" : "s"}: ${c.parsed} parsed${noError}, ${c.held_back} held back (contain the answer), ${c.parse_failed} parse failure${c.parse_failed === 1 ? "" : "s"}`;
}
