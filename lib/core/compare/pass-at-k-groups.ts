import { passAtK, passAtKLadder } from "@/lib/core/pass-at-k";

// Dataset pass@k from grouped counts (what a GROUP BY n, c returns): `problems` problems had
// n graded attempts of which c were correct. Same estimator and rule as datasetPassAtK: a k
// larger than a problem's n leaves that problem out of that k's mean.

export type NcGroup = { n: number; c: number; problems: number };
export type PassAtKPoint = { k: number; value: number; problems: number };

export function passAtKFromGroups(groups: readonly NcGroup[]): PassAtKPoint[] {
  const live = groups.filter((g) => g.n > 0 && g.problems > 0);
  const maxN = Math.max(0, ...live.map((g) => g.n));
  if (maxN === 0) return [];
  return passAtKLadder(maxN).map((k) => {
    let sum = 0;
    let problems = 0;
    for (const g of live) {
      if (g.n < k) continue;
      sum += passAtK(g.n, Math.min(g.c, g.n), k) * g.problems;
      problems += g.problems;
    }
    return { k, value: problems ? sum / problems : 0, problems };
  });
}

// A point averaged over a handful of problems says nothing about the model: with 149 problems
// at pass@1 and 3 of them with two attempts, pass@2 is the mean of 3 numbers and the line jumps
// to 1.0. So a curve is drawn only while its point still averages a real share of the problems
// it started with: at least half of its pass@1 problems, and never fewer than PLOT_MIN_PROBLEMS
// (a curve that starts with fewer keeps its points while all of its problems remain).
export const PLOT_MIN_PROBLEMS = 5;
export const PLOT_MIN_SHARE = 0.5;
export const PLOT_RULE = `each point averages only the problems with at least k graded attempts (n per point); a line stops where fewer than ${PLOT_MIN_SHARE * 100}% of its pass@1 problems (or fewer than ${PLOT_MIN_PROBLEMS}, when it started with more) have k attempts`;

/** The leading points of a curve that are drawn under PLOT_RULE (the rest stay in the CSV). */
export function plottedPassAtK(points: readonly PassAtKPoint[]): PassAtKPoint[] {
  const first = points[0]?.problems ?? 0;
  // a dataset smaller than the floor still shows its curve while every problem remains
  const need = Math.min(first, Math.max(PLOT_MIN_PROBLEMS, Math.ceil(first * PLOT_MIN_SHARE)));
  const out: PassAtKPoint[] = [];
  for (const p of points) {
    if (p.problems < need) break;
    out.push(p);
  }
  return out;
}
