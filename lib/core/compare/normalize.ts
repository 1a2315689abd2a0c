// Comparison keys only: the stored text is never changed; these strings are used to decide
// whether two steps say the same thing (whitespace, case and LaTeX spacing ignored).

/** Loose text key: lowercase, LaTeX spacing commands dropped, whitespace collapsed. */
export function textKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/\\(left|right|displaystyle|,|;|:|!|quad|qquad)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Word tokens of a step (letters, digits, LaTeX command names) for similarity. */
export function tokens(s: string): string[] {
  return textKey(s).match(/\\?[a-z]+|\d+(?:\.\d+)?|[=<>+\-*/^]/g) ?? [];
}

/** Dice similarity of two token multisets in [0, 1]; two empty steps are identical. */
export function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.length === 0 && tb.length === 0) return 1;
  if (ta.length === 0 || tb.length === 0) return 0;
  const count = new Map<string, number>();
  for (const t of ta) count.set(t, (count.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const n = count.get(t) ?? 0;
    if (n > 0) {
      common++;
      count.set(t, n - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

/** Key of a mathematical claim: no whitespace, no spacing/sizing commands, \dfrac = \frac. */
export function claimKey(s: string): string {
  return s
    .replace(/\\(left|right|displaystyle|big|Big|bigg|Bigg)\b/g, "")
    .replace(/\\[,;:!]|\\quad|\\qquad/g, "")
    .replace(/\\[dt]frac/g, "\\frac")
    .replace(/\\cdot|\\times/g, "*")
    .replace(/\s+/g, "")
    .replace(/[.,;:]+$/, "");
}
