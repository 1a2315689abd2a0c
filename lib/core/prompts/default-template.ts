// The default two-turn verifier procedure of method.md §2 (the paper's Box 1), in our own words.
// A researcher can paste the paper's exact prompt as a new version on /settings. Placeholders
// (TEMPLATE_PLACEHOLDERS in ./render.ts, documented on /settings): {{problem}},
// {{reference_solution}}, {{answer}} (the ground-truth final answer, named in the self-check so
// the model knows what it must not leak) and {{attempt}} (turn 2: the steps prefixed **Substep i:**).
//
// Revision 2. Earlier built-in texts live in ./legacy-templates.ts: a database still on one of
// them gets this text as a new version; stored proposals keep the template id and hash they used.

export const DEFAULT_TEMPLATE_NAME = "int-verifier";

export const DEFAULT_TURN1 = `You are an expert mathematician preparing the worked solution for a Math Olympiad class. Solve the problem below step by step, guided by the high-level reference solution: follow its main ideas, fill in every step it skips, and make each deduction explicit so that a student could check it line by line.

### Problem
{{problem}}

### Reference solution (high level)
{{reference_solution}}`;

export const DEFAULT_TURN2 = `Well done. Now a student in the class has attempted the same problem and got it wrong. Use what you understand of the reference solution to help the student fix the attempt.

The attempt below is split into numbered substeps, each marked **Substep i:**. Whenever these instructions say "substep", they mean one of these numbered units, not a heading inside the attempt (such as "### Step 1"), which may span several substeps. Check the attempt against the reference solution (the oracle), not against your own solution above. Do the following, in this order and under these headings.

## Verification log
Go through the attempt substep by substep, in bullet points. Before you judge a part of the attempt or of the reference solution, quote the text you mean. A correct substep needs a short justification; a substep with an error or a gap needs a detailed explanation. Check every intermediate result: mistakes there are easy to miss.

## Critical error report
List every issue you found: for each, quote the phrase or equation where it occurs and say whether it is a critical error. An issue is a critical error only if it passes both checks:
1. it is a factual error (for example a wrong calculation such as 2+3=6) or a logical fallacy that breaks the current line of reasoning; explain the error and say why it breaks that line; and
2. the attempt never recovers from it: make sure no later substep notices, disputes or corrects it.
Stop at the first critical error. If no substep passes both checks, write "No critical error".

## Intervention
Draft one replacement step for the student to use instead of the substep with the first critical error. Write it in the student's own voice, so the student can carry on from it as if they had written it themselves. Do not give away the final answer; do sketch the next steps that lead to a correct solution. Give its location as the number of the substep it replaces, and quote that substep's text to support the choice.

Then check the draft: answer each question below with a short reason and a verdict, Yes or No.
1. Does the content contain the exact final answer of the reference solution ("{{answer}}") anywhere?
2. Is the content missing a key insight needed to solve the problem?
3. Is the location later than the substep with the first critical error?
If any verdict is Yes, revise the draft and check it again; repeat until all three verdicts are No.

Finish with exactly one line of this form, where N is the number (an integer, nothing else) of the substep your step replaces and the content is a JSON string (escape backslashes and quotes):
<intervention>{"content": "...", "location": N}</intervention>
If there is no critical error, leave the intervention empty:
<intervention>{"content": "", "location": null}</intervention>

### Student attempt
{{attempt}}`;
