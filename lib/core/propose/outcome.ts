// What became of one model proposal (issue 12 §4): a parsed intervention; one held back by the
// leak filter (method.md §5: its content contains the ground-truth answer), which a person may
// edit and accept; or a parse failure. The leak filter lives in the parser (code "answer_leak");
// this only names its result, so the UI and the job summary stop calling it a parse failure.

export type ProposalOutcome = "parsed" | "held_back" | "parse_failed";

export const HELD_BACK_CODE = "answer_leak";

export function proposalOutcome(p: { parseOk: boolean; parseReason: string | null }): ProposalOutcome {
  if (p.parseOk) return "parsed";
  return p.parseReason?.startsWith(HELD_BACK_CODE) ? "held_back" : "parse_failed";
}

/** `held back: contains the answer "1"` */
export function heldBackReason(answer: string): string {
  return `held back: contains the answer ${JSON.stringify(answer.trim())}`;
}

export type OutcomeCounts = Record<ProposalOutcome, number>;

/** "4 proposals: 2 parsed, 2 held back (contain the answer), 0 parse failures" */
export function describeOutcomes(c: OutcomeCounts): string {
  const total = c.parsed + c.held_back + c.parse_failed;
  return `${total} proposal${total === 1 ? "" : "s"}: ${c.parsed} parsed, ${c.held_back} held back (contain the answer), ${c.parse_failed} parse failure${c.parse_failed === 1 ? "" : "s"}`;
}
