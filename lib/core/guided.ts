import { joinSteps, splitSteps } from "./steps";

// Build rule of method.md §4, byte for byte:
//   content2 = content.replaceAll("\n", "\n\n")
//   location == 1 -> content2, else steps[0 .. location-2].join("\n\n") + "\n\n" + content2
// The suffix after the replaced step is dropped.

export type GuidedParts = { prefix: string; intervention: string; text: string };

export function guidedParts(attempt: string, location: number, content: string): GuidedParts {
  const steps = splitSteps(attempt);
  if (!Number.isInteger(location) || location < 1 || location > steps.length) {
    throw new RangeError(`location ${location} outside 1..${steps.length}`);
  }
  const intervention = content.replaceAll("\n", "\n\n");
  const prefix = location === 1 ? "" : joinSteps(steps.slice(0, location - 1)) + "\n\n";
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
