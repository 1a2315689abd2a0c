// Krippendorff's alpha for nominal data with missing values (Krippendorff 2011, "Computing
// Krippendorff's Alpha-Reliability", section C). Each unit (a trace) holds the values the
// raters gave it; a rater who did not label the unit is simply absent (missing data). Units
// with fewer than two values cannot be paired and do not count.
//
// Why nominal: a first-error label is a step number or "no error". "No error" has no distance to
// any step, and step numbers of different traces are not on one scale (step 3 of a 4-step trace
// and of a 40-step trace). The task, and ProcessBench's metric, score exact identification, so
// every disagreement counts the same; closeness is reported separately as within-one agreement.

export type AlphaResult = {
  alpha: number | null; // null when undefined: fewer than two pairable values, or no variation at all
  units: number; // pairable units (>= 2 values)
  values: number; // pairable values (n in the formula)
};

/** `units`: per unit, the values given to it (any comparable key: step number, null = "no error"). */
export function nominalAlpha<V>(units: readonly (readonly V[])[]): AlphaResult {
  // Coincidence matrix: each ordered pair of values in a unit adds 1 / (m_u - 1).
  const o = new Map<V, Map<V, number>>();
  let n = 0, pairable = 0;
  for (const u of units) {
    const m = u.length;
    if (m < 2) continue;
    pairable++;
    n += m;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const row = o.get(u[i]) ?? new Map<V, number>();
        o.set(u[i], row);
        row.set(u[j], (row.get(u[j]) ?? 0) + 1 / (m - 1));
      }
    }
  }
  if (n < 2) return { alpha: null, units: pairable, values: n };
  let observed = 0; // sum over c != k of o_ck
  const marg = new Map<V, number>();
  for (const [c, row] of o) {
    for (const [k, v] of row) {
      marg.set(c, (marg.get(c) ?? 0) + v);
      if (c !== k) observed += v;
    }
  }
  let expected = 0; // sum over c != k of n_c n_k
  let sumSq = 0;
  for (const nc of marg.values()) sumSq += nc * nc;
  expected = n * n - sumSq;
  if (expected === 0) return { alpha: null, units: pairable, values: n };
  return { alpha: 1 - ((n - 1) * observed) / expected, units: pairable, values: n };
}
