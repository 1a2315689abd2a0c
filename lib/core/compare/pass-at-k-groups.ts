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
