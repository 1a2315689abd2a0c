import { claimKey, similarity, textKey } from "./normalize";

// "Does the other trace make the base trace's mistake again?" Either the erroneous step's text
// reappears (nearly verbatim), or one of its claims does: an equation or inequality taken from
// its math (or a plain "a = b" line), compared without whitespace/spacing commands.

export const TEXT_MIN = 0.85;
const CLAIM_MIN_LENGTH = 5;

export type SameMistake =
  | { found: false }
  | { found: true; kind: "text" | "claim"; step: number; claim?: string; similarity: number; matches: ClaimMatch[] };

export type ClaimMatch = { claim: string; step: number };

const MATH = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$([^$]+?)\$/g;
const RELATION = /=|<|>|\\le|\\ge|\\neq|\\approx|\\equiv/;

/** Claims of a step: each relation in its math, plus plain-text equations. */
export function extractClaims(step: string): string[] {
  const out = new Set<string>();
  const add = (raw: string) => {
    // "a = b = c" is split into its links "a=b", "b=c": each is a claim on its own
    const parts = raw.split(/(=|\\le|\\ge|<|>|\\neq|\\approx|\\equiv)/);
    for (let k = 0; k + 2 < parts.length; k += 2) {
      const left = parts[k].split(/[,;]|\\quad|\\text\{[^}]*\}/).pop() ?? "";
      const right = parts[k + 2].split(/[,;]|\\quad|\\text\{[^}]*\}/)[0] ?? "";
      const c = claimKey(`${left}${parts[k + 1]}${right}`);
      if (c.length >= CLAIM_MIN_LENGTH && claimKey(left) !== "" && claimKey(right) !== "") out.add(c);
    }
  };
  let plain = step;
  for (const m of step.matchAll(MATH)) {
    const body = m[1] ?? m[2] ?? m[3] ?? m[4] ?? "";
    if (RELATION.test(body)) add(body);
    plain = plain.replace(m[0], " ");
  }
  for (const m of plain.matchAll(/[0-9a-zA-Z()+\-*/^. ]+=[0-9a-zA-Z()+\-*/^. ]+/g)) add(m[0]);
  return [...out];
}

/** Looks for the base trace's erroneous step (text or claim) among the other trace's steps. */
export function findSameMistake(errorStep: string, other: readonly string[]): SameMistake {
  const key = textKey(errorStep);
  let best: { step: number; s: number } | null = null;
  other.forEach((st, i) => {
    const s = textKey(st) === key ? 1 : similarity(errorStep, st);
    if (s >= TEXT_MIN && (!best || s > best.s)) best = { step: i + 1, s };
  });
  const claims = extractClaims(errorStep);
  const keys = other.map(claimKey);
  // every claim of the step that reappears, at the first step that repeats it: the step may
  // also hold correct claims, so the researcher sees which one matched before confirming
  const matches: ClaimMatch[] = [];
  for (const claim of claims) {
    const i = keys.findIndex((k) => k.includes(claim));
    if (i !== -1) matches.push({ claim, step: i + 1 });
  }
  if (best) {
    const b = best as { step: number; s: number };
    return { found: true, kind: "text", step: b.step, similarity: b.s, matches };
  }
  if (matches.length === 0) return { found: false };
  const first = matches[0];
  return {
    found: true,
    kind: "claim",
    step: first.step,
    claim: first.claim,
    similarity: similarity(errorStep, other[first.step - 1]),
    matches,
  };
}
