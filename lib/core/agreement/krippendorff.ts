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
  // Values become indexes 0..k-1; o is the k x k coincidence matrix, filled unit by unit: each
  // ordered pair of values in a unit adds 1 / (m_u - 1).
  const index = new Map<V, number>();
  for (const u of units) if (u.length >= 2) for (const v of u) if (!index.has(v)) index.set(v, index.size);
  const k = index.size;
  const o = new Float64Array(k * k);
  let n = 0,
    pairable = 0;
  for (const u of units) {
    const m = u.length;
    if (m < 2) continue;
    pairable++;
    n += m;
    const ix = u.map((v) => index.get(v)!);
    const w = 1 / (m - 1);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[ix[i] * k + ix[j]] += w;
  }
  if (n < 2) return { alpha: null, units: pairable, values: n };
  let observed = 0; // sum over c != k of o_ck
  let sumSq = 0; // sum of n_c^2, n_c = row sums of o
  for (let c = 0; c < k; c++) {
    let nc = 0;
    for (let d = 0; d < k; d++) {
      nc += o[c * k + d];
      if (c !== d) observed += o[c * k + d];
    }
    sumSq += nc * nc;
  }
  const expected = n * n - sumSq; // sum over c != k of n_c n_k
  if (expected === 0) return { alpha: null, units: pairable, values: n };
  return { alpha: 1 - ((n - 1) * observed) / expected, units: pairable, values: n };
}
