import { STEP_SEPARATOR, countSteps } from "./steps";

// Build rule of method.md §4, byte for byte:
//   content2 = content.replaceAll("\n", "\n\n")
//   location == 1 -> content2, else steps[0 .. location-2].join("\n\n") + "\n\n" + content2
// The suffix after the replaced step is dropped.

export type GuidedParts = { prefix: string; intervention: string; text: string };

export function guidedParts(attempt: string, location: number, content: string): GuidedParts {
  const n = countSteps(attempt);
  if (!Number.isInteger(location) || location < 1 || location > n) {
    throw new RangeError(`location ${location} outside 1..${n}`);
  }
  const intervention = content.replaceAll("\n", "\n\n");
  // steps[0 .. location-2].join("\n\n") + "\n\n" is the attempt up to the end of its
  // (location-1)-th separator, found the way split finds them (left to right, no overlap):
  // the same bytes without an array of steps (the export builds this for every row).
  let end = 0;
  for (let k = 1; k < location; k++) end = attempt.indexOf(STEP_SEPARATOR, end) + STEP_SEPARATOR.length;
  const prefix = attempt.slice(0, end);
  return { prefix, intervention, text: prefix + intervention };
}

export function buildGuidedAttempt(attempt: string, location: number, content: string): string {
  return guidedParts(attempt, location, content).text;
}

/** Leakage filter of method.md §5: plain substring test of the ground-truth answer. */
export function containsAnswer(content: string, answer: string): boolean {
  const a = answer.trim();
  return a.length > 0 && content.includes(a);
}
