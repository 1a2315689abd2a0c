// The one mapping from a grader's verdict code (lib/core/grade/types.ts, stored in Rollout.verdict)
// to the words a person reads. Machine output (JSONL, the CSV's verdict_code column) keeps the codes;
// everything a person reads goes through here, so "not_equal" never reaches a page.

const WORDS: Record<string, string> = {
  equal: "correct",
  not_equal: "wrong",
  no_answer: "no answer",
  unparseable: "unreadable answer",
  timeout: "grading timed out",
  error: "grading error",
};

/** Display order: the outcomes a researcher looks for first. */
export const VERDICT_ORDER = ["equal", "not_equal", "no_answer", "unparseable", "timeout", "error"] as const;

/** "not_equal" -> "wrong"; an unknown code is shown as itself with underscores as spaces. */
export function verdictWord(code: string): string {
  return WORDS[code] ?? code.replaceAll("_", " ");
}

/** Counts by verdict code -> "3 correct, 4 wrong, 1 no answer" (known codes in VERDICT_ORDER, then the rest). */
export function verdictCountsText(counts: Readonly<Record<string, number>>): string {
  const known = VERDICT_ORDER as readonly string[];
  const codes = [
    ...known.filter((c) => counts[c]),
    ...Object.keys(counts)
      .filter((c) => !known.includes(c) && counts[c])
      .sort(),
  ];
  return codes.map((c) => `${counts[c]} ${verdictWord(c)}`).join(", ");
}
