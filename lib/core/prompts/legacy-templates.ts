import type { TemplateText } from "./render";

// Earlier built-in defaults, kept verbatim so their hashes stay recognisable: a database whose
// active template is one of these (never edited by a person) moves to the current default as a
// new version (lib/data/prompt-templates.ts), while every proposal keeps the id and hash it was made with.

/** v1 (until Dec 2026): verified against "your own solution above", asked for a boxed answer in turn 1, had no {{answer}}. */
export const DEFAULT_V1: TemplateText = {
  turn1: `You are preparing the worked solution for a Math Olympiad training class. Solve the problem below step by step. A high-level reference solution is provided: follow its main ideas, fill in every step it skips, and make each deduction explicit so that a student could check it line by line. Put the final answer in \\boxed{}.

### Problem
{{problem}}

### Reference solution (high level)
{{reference_solution}}`,
  turn2: `Below is a student's attempt at the same problem. The attempt is incorrect. It is split into substeps, each marked **Substep i:**. Using your own solution above as the standard, do the following three things, in this order and under these headings.

## Verification log
Go through the attempt substep by substep. For each substep, say whether it is correct, and if not, what exactly is wrong with it.

## Critical error report
Name the first critical error. A substep counts as the critical error only if both hold:
1. it is a factual error (for example a wrong calculation) or a logical fallacy that breaks the current line of reasoning; and
2. the attempt never recovers from it: no later substep notices, disputes or corrects it.
Stop at the first substep that satisfies both checks and explain why it does.

## Intervention
Write one replacement step for the student to use instead of that substep. Write it in the student's own voice, as the next thing they would naturally write; do not state the final answer; do point to the ideas that lead toward a correct solution. Then check your draft by answering three questions: Does it contain the exact final answer? Is it missing a key insight the student needs? Is its location later than the critical error? If any answer is "yes", revise the step and check again, until all three answers are "no".

Finish with exactly one line of this form, where N is the number of the substep your step replaces and the content is a JSON string (escape backslashes and quotes):
<intervention>{"content": "...", "location": N}</intervention>

### Student attempt
{{attempt}}`,
};

export const LEGACY_DEFAULTS: readonly TemplateText[] = [DEFAULT_V1];
