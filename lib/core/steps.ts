// Step split of method.md: steps are text.split("\n\n") with empty strings kept, so
// joinSteps(splitSteps(y)) === y byte for byte. Steps are numbered from 1.

export const STEP_SEPARATOR = "\n\n";

export function splitSteps(text: string): string[] {
  return text.split(STEP_SEPARATOR);
}

export function joinSteps(steps: readonly string[]): string {
  return steps.join(STEP_SEPARATOR);
}

export function countSteps(text: string): number {
  let n = 1;
  for (let i = text.indexOf(STEP_SEPARATOR); i !== -1; i = text.indexOf(STEP_SEPARATOR, i + 2)) n++;
  return n;
}

/** 0-based index (ProcessBench `label`, -1 = no error) -> 1-based step (null = no error). */
export function fromZeroBased(label: number): number | null {
  if (!Number.isInteger(label) || label < -1) throw new RangeError(`not a 0-based label: ${label}`);
  return label === -1 ? null : label + 1;
}

/** 1-based step (null = no error) -> 0-based index (-1 = no error). */
export function toZeroBased(step: number | null): number {
  if (step === null) return -1;
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`not a 1-based step: ${step}`);
  return step - 1;
}

/** The verifier's view of an attempt: each step prefixed `**Substep i:**` (method.md §2). */
export function numberSteps(steps: readonly string[]): string {
  return steps.map((s, i) => `**Substep ${i + 1}:** ${s}`).join(STEP_SEPARATOR);
}
