// Accepting or editing an intervention at step k is a person's judgement that step k is the
// first critical error: the intervention replaces that step (method.md, Terms). So the decision
// also records the person's first-error label at step k, unless the trace has a human label
// already: an explicit label (theirs or a colleague's) is never overwritten by an implied one.

export type ExistingHumanLabel = { annotator: string; step: number | null };

export type ImpliedLabel = { recorded: true; step: number } | { recorded: false; kept: ExistingHumanLabel };

/**
 * What an accept / edit at `location` does to the trace's human label. `existing` are the
 * trace's human labels, newest first (the first one is the trace's label, as recomputeTrace reads it).
 */
export function impliedLabel(existing: readonly ExistingHumanLabel[], location: number): ImpliedLabel {
  const current = existing[0];
  return current
    ? { recorded: false, kept: { annotator: current.annotator, step: current.step } }
    : { recorded: true, step: location };
}

/** One line for the person: what the decision did to the first-error label. */
export function describeImpliedLabel(r: ImpliedLabel, actor: string): string {
  if (r.recorded) return `recorded your first-error label: step ${r.step}`;
  const step = r.kept.step === null ? "no error" : `step ${r.kept.step}`;
  const whose = r.kept.annotator === actor ? "your" : `${r.kept.annotator}'s`;
  return `kept ${whose} first-error label: ${step}`;
}
