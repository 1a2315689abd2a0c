// "One row per problem" (issue 12 §4): the paper trains on 1,076 rows for 1,076 problems,
// while its filter keeps 2,213 interventions. Among the rows an export would write for one
// problem, one is kept by this rule, in order:
//   1. a person's choice: an intervention a person accepted or edited beats one nobody decided;
//   2. then the most correct rollouts (intervention condition, as stored on the intervention);
//   3. then the first parsed: the earliest created (then the smaller id; ids sort by creation),
//      as the reference keeps the first parse when it dedupes.
// The default export stays "every kept intervention" (PER_PROBLEM default "all").

export const PER_PROBLEM_CHOICES = ["all", "one"] as const;
export type PerProblem = (typeof PER_PROBLEM_CHOICES)[number];
export const DEFAULT_PER_PROBLEM: PerProblem = "all";
export function isPerProblem(s: string): s is PerProblem {
  return (PER_PROBLEM_CHOICES as readonly string[]).includes(s);
}

export const PER_PROBLEM_RULE =
  "one row per problem: a person's choice first (accepted or edited by a person), then the most correct rollouts, " +
  "then the first parsed (earliest created, then smallest id)";

export type PickCandidate = {
  problemId: string;
  interventionId: string;
  status: string;
  rolloutsCorrect: number;
  createdAt: Date | string | number;
};

/** Which step of the rule separated the kept row from the best of the others ("only": no other). */
export type DecidedBy = "only" | "person" | "rollouts" | "first";

const PERSON = new Set(["accepted", "edited"]);
const ms = (d: Date | string | number) => {
  const t = d instanceof Date ? d.getTime() : new Date(d).getTime();
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t; // unreadable dates lose the "first" tie-break
};

/** < 0 when `a` is preferred, with the rule step that decided (never 0: ids are unique). */
export function comparePick(a: PickCandidate, b: PickCandidate): { order: number; by: Exclude<DecidedBy, "only"> } {
  const pa = PERSON.has(a.status) ? 0 : 1;
  const pb = PERSON.has(b.status) ? 0 : 1;
  if (pa !== pb) return { order: pa - pb, by: "person" };
  if (a.rolloutsCorrect !== b.rolloutsCorrect) return { order: b.rolloutsCorrect - a.rolloutsCorrect, by: "rollouts" };
  const ta = ms(a.createdAt);
  const tb = ms(b.createdAt);
  if (ta !== tb) return { order: ta < tb ? -1 : 1, by: "first" };
  return { order: a.interventionId < b.interventionId ? -1 : a.interventionId > b.interventionId ? 1 : 0, by: "first" };
}

type Slot = { best: PickCandidate; second: PickCandidate | null };

/**
 * Streaming picker: `offer` every row an export would write, then `chosen` says whether an
 * intervention is its problem's kept row. Memory: two small records per problem.
 */
export class OnePerProblem {
  private slots = new Map<string, Slot>();

  offer(c: PickCandidate): void {
    const s = this.slots.get(c.problemId);
    if (!s) {
      this.slots.set(c.problemId, { best: { ...c }, second: null });
      return;
    }
    if (comparePick(c, s.best).order < 0) {
      s.second = s.best;
      s.best = { ...c };
    } else if (!s.second || comparePick(c, s.second).order < 0) {
      s.second = { ...c };
    }
  }

  chosen(problemId: string, interventionId: string): boolean {
    return this.slots.get(problemId)?.best.interventionId === interventionId;
  }

  get problems(): number {
    return this.slots.size;
  }

  /** How many problems each rule step decided (for the summary and provenance). */
  decidedBy(): Record<DecidedBy, number> {
    const out: Record<DecidedBy, number> = { only: 0, person: 0, rollouts: 0, first: 0 };
    for (const s of this.slots.values()) out[s.second ? comparePick(s.best, s.second).by : "only"]++;
    return out;
  }
}
