// Flip detection between two models on the same problems: a problem is solved by a model when
// at least one of its graded attempts is correct; it flipped when exactly one model solved it.

export type ModelResult = { n: number; c: number }; // graded attempts, correct ones
export type FlipDirection = "fixed" | "broken"; // fixed: B solves what A did not

export function isSolved(r: ModelResult | undefined): boolean | null {
  if (!r || r.n === 0) return null;
  return r.c > 0;
}

/** "fixed" (A unsolved, B solved), "broken" (the reverse), or null (no flip or not comparable). */
export function flipOf(a: ModelResult | undefined, b: ModelResult | undefined): FlipDirection | null {
  const sa = isSolved(a);
  const sb = isSolved(b);
  if (sa === null || sb === null || sa === sb) return null;
  return sb ? "fixed" : "broken";
}

export type ProblemPair = { problemId: string; a?: ModelResult; b?: ModelResult };

export function detectFlips<T extends ProblemPair>(rows: readonly T[]): (T & { flip: FlipDirection })[] {
  const out: (T & { flip: FlipDirection })[] = [];
  for (const r of rows) {
    const flip = flipOf(r.a, r.b);
    if (flip) out.push({ ...r, flip });
  }
  return out;
}
