import { datasetPassAtK, passAtKCurve, type PassAtKRow } from "@/lib/core/pass-at-k";

// Table-1 style summary: per condition, accuracy = mean reward over all rollouts, coverage =
// problems with at least one correct rollout / problems rolled out; plus pass@k (unbiased
// estimator, method.md §9) per problem and the per-dataset mean, for k = 1, 2, 4, ... n.

export type RolloutOutcome = { problemId: string; condition: string; correct: boolean };

export type ProblemCounts = { problemId: string; n: number; c: number; passAtK: PassAtKRow[] };

export type ConditionSummary = {
  condition: string;
  rollouts: number;
  correct: number;
  accuracy: number;
  problems: number;
  covered: number;
  coverage: number;
  passAtK: (PassAtKRow & { problems: number })[];
  perProblem: ProblemCounts[];
};

export function summariseRollouts(rows: Iterable<RolloutOutcome>, order: readonly string[] = []): ConditionSummary[] {
  const counts: OutcomeCounts[] = [];
  for (const r of rows) counts.push({ problemId: r.problemId, condition: r.condition, n: 1, c: r.correct ? 1 : 0 });
  return summariseCounts(counts, order);
}

/** Grouped counts (e.g. from a GROUP BY): n rollouts of which c correct, per (condition, problem). */
export type OutcomeCounts = { problemId: string; condition: string; n: number; c: number };

export function summariseCounts(rows: Iterable<OutcomeCounts>, order: readonly string[] = []): ConditionSummary[] {
  const by = new Map<string, Map<string, { n: number; c: number }>>();
  for (const r of rows) {
    let m = by.get(r.condition);
    if (!m) by.set(r.condition, (m = new Map()));
    const p = m.get(r.problemId) ?? { n: 0, c: 0 };
    p.n += r.n;
    p.c += r.c;
    m.set(r.problemId, p);
  }
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  const conditions = [...by.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return conditions.map((condition) => summariseCondition(condition, by.get(condition)!));
}

function summariseCondition(condition: string, m: Map<string, { n: number; c: number }>): ConditionSummary {
  const perProblem: ProblemCounts[] = [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([problemId, { n, c }]) => ({ problemId, n, c, passAtK: passAtKCurve(n, c) }));
  const rollouts = perProblem.reduce((s, p) => s + p.n, 0);
  const correct = perProblem.reduce((s, p) => s + p.c, 0);
  const covered = perProblem.filter((p) => p.c > 0).length;
  return {
    condition,
    rollouts,
    correct,
    accuracy: rollouts ? correct / rollouts : 0,
    problems: perProblem.length,
    covered,
    coverage: perProblem.length ? covered / perProblem.length : 0,
    passAtK: datasetPassAtK(perProblem),
    perProblem,
  };
}

/** "1.56%" style, with enough digits for the paper's tiny baseline rates (0.0713%). */
export function formatPercent(x: number): string {
  const p = x * 100;
  if (p === 0) return "0%";
  return `${p >= 1 ? p.toFixed(2) : p.toPrecision(3)}%`;
}
