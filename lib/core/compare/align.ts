import { similarity, textKey } from "./normalize";

// Step alignment of two traces (global alignment, Needleman-Wunsch style): a pair of steps
// scores by token similarity, a gap costs nothing, and pairs below MATCH_MIN are never
// aligned. Steps are 1-based in the result, as everywhere in the studio.

export type AlignKind = "same" | "changed" | "onlyA" | "onlyB";
export type AlignedPair = { a: number | null; b: number | null; kind: AlignKind; similarity: number };

export const MATCH_MIN = 0.5;

export function alignSteps(a: readonly string[], b: readonly string[]): AlignedPair[] {
  const n = a.length;
  const m = b.length;
  const ka = a.map(textKey);
  const kb = b.map(textKey);
  const sim = (i: number, j: number) => (ka[i] === kb[j] ? 1 : similarity(a[i], b[j]));
  // score[i][j]: best total similarity aligning a[i..] with b[j..]
  const score: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const simAt: Float64Array[] = Array.from({ length: n }, () => new Float64Array(m));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim(i, j);
      simAt[i][j] = s;
      const diag = s >= MATCH_MIN ? score[i + 1][j + 1] + s : -Infinity;
      score[i][j] = Math.max(diag, score[i + 1][j], score[i][j + 1]);
    }
  }
  const out: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m) {
      const s = simAt[i][j];
      if (s >= MATCH_MIN && score[i][j] === score[i + 1][j + 1] + s) {
        out.push({ a: i + 1, b: j + 1, kind: ka[i] === kb[j] ? "same" : "changed", similarity: s });
        i++;
        j++;
        continue;
      }
      if (score[i][j] === score[i + 1][j]) {
        out.push({ a: i + 1, b: null, kind: "onlyA", similarity: 0 });
        i++;
      } else {
        out.push({ a: null, b: j + 1, kind: "onlyB", similarity: 0 });
        j++;
      }
    } else if (i < n) {
      out.push({ a: ++i, b: null, kind: "onlyA", similarity: 0 });
    } else {
      out.push({ a: null, b: ++j, kind: "onlyB", similarity: 0 });
    }
  }
  return out;
}

/** The first aligned row where the traces differ (null when the step lists are the same). */
export function firstDivergence(
  pairs: readonly AlignedPair[],
): { row: number; a: number | null; b: number | null } | null {
  const row = pairs.findIndex((p) => p.kind !== "same");
  return row === -1 ? null : { row, a: pairs[row].a, b: pairs[row].b };
}
