import { proposalOutcome, type ProposalOutcome } from "./outcome";

// What came back from the model for one trace, in the words a person judges by (issue 14 §2),
// summed up from the stored proposals: parsed, "no error found" (the model reported no critical
// error), held back (the leak filter of method.md §5: the content contains the ground-truth
// answer), parse failures with the parser's reason codes. Each proposal is classified by
// ./outcome.ts (one definition with the job summary).

export type OutcomeInput = {
  parseOk: boolean;
  parseReason: string | null; // "code: reason" (lib/core/parse-intervention.ts)
  location: number | null;
  content: string | null;
};

export const classifyProposal = (p: OutcomeInput): ProposalOutcome => proposalOutcome(p);

/** The parser's failure code ("missing_tag"), or null. */
export function failureCode(p: OutcomeInput): string | null {
  if (p.parseOk || !p.parseReason) return null;
  const m = /^([a-z_]+):/.exec(p.parseReason);
  return m ? m[1] : null;
}

/** The proposals of the newest run (same `run` key: the propose job); input newest first. */
export function latestRun<T extends { run: string | null }>(newestFirst: readonly T[]): T[] {
  if (newestFirst.length === 0) return [];
  const key = newestFirst[0].run;
  return newestFirst.filter((p) => p.run === key);
}

export type OutcomeSummary = { total: number; counts: Record<ProposalOutcome, number>; line: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "4 proposals: 2 parsed, 2 held back: contain the answer" (held back last: its reason follows a colon). */
export function summarizeOutcomes(ps: readonly OutcomeInput[]): OutcomeSummary {
  const counts: Record<ProposalOutcome, number> = { parsed: 0, no_error: 0, held_back: 0, parse_failed: 0 };
  const codes = new Set<string>();
  for (const p of ps) {
    const o = classifyProposal(p);
    counts[o]++;
    const code = failureCode(p);
    if (o === "parse_failed" && code) codes.add(code);
  }
  const parts: string[] = [];
  if (counts.parsed) parts.push(`${counts.parsed} parsed`);
  if (counts.no_error) parts.push(`${counts.no_error} no error found`);
  if (counts.parse_failed)
    parts.push(
      `${plural(counts.parse_failed, "parse failure", "parse failures")}${codes.size ? ` (${[...codes].sort().join(", ")})` : ""}`,
    );
  if (counts.held_back)
    parts.push(`${counts.held_back} held back: ${counts.held_back === 1 ? "contains" : "contain"} the answer`);
  const total = ps.length;
  return { total, counts, line: `${plural(total, "proposal", "proposals")}: ${parts.join(", ") || "none"}` };
}
