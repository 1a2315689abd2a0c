// Unbiased pass@k estimator (Chen et al. 2021; method.md §9): from n samples of which c are
// correct, pass@k = 1 - C(n-c, k) / C(n, k). Computed as a product so it never forms the huge
// binomials: C(n-c, k) / C(n, k) = prod_{i = n-c+1}^{n} (1 - k / i).

export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k))
    throw new RangeError("n, c and k must be integers");
  if (n < 1 || c < 0 || c > n || k < 1 || k > n)
    throw new RangeError(`need 0 <= c <= n and 1 <= k <= n (n=${n}, c=${c}, k=${k})`);
  if (n - c < k) return 1;
  let miss = 1;
  for (let i = n - c + 1; i <= n; i++) miss *= 1 - k / i;
  return 1 - miss;
}

/** The k values reported for n samples: 1, 2, 4, ... up to n, and n itself. */
export function passAtKLadder(n: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k <= n; k *= 2) ks.push(k);
  if (ks[ks.length - 1] !== n) ks.push(n);
  return ks;
}

export interface PassAtKRow {
  k: number;
  value: number;
}

/** pass@k for one problem at every k of the ladder. */
export function passAtKCurve(n: number, c: number): PassAtKRow[] {
  return passAtKLadder(n).map((k) => ({ k, value: passAtK(n, c, k) }));
}

/**
 * Dataset pass@k: the mean over problems. Problems may have different n; a k larger than a
 * problem's n is left out of that k's mean (and `problems` says how many were averaged).
 */
export function datasetPassAtK(problems: { n: number; c: number }[]): (PassAtKRow & { problems: number })[] {
  const maxN = Math.max(0, ...problems.map((p) => p.n));
  if (maxN === 0) return [];
  return passAtKLadder(maxN).map((k) => {
    const eligible = problems.filter((p) => p.n >= k);
    const sum = eligible.reduce((s, p) => s + passAtK(p.n, p.c, k), 0);
    return { k, value: eligible.length ? sum / eligible.length : 0, problems: eligible.length };
  });
}
