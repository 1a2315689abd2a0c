// Which first-error label a trace "has": the one rule behind Analysis, the ProcessBench export and
// the SFT export's provenance.
//   1. the final (adjudicated) label, when a curator set one;
//   2. else the people's labels, when they all name the same step (or all say "no error");
//      people who disagree leave the trace without a label until someone adjudicates it;
//   3. else, when no person labelled it, the imported label (the data set's own annotation);
//   4. else none. Model labels are suggestions and never win.

export type SourcedLabel = { source: string; annotator: string; step: number | null };

export type Winner =
  | { kind: "final" | "human" | "imported"; step: number | null; annotator: string }
  | { kind: "disagreement"; steps: (number | null)[] }
  | { kind: "none" };

/** `labels`: every label of one trace, newest first (the newest imported label wins among several). */
export function winningLabel(labels: readonly SourcedLabel[]): Winner {
  const final = labels.find((l) => l.source === "final");
  if (final) return { kind: "final", step: final.step, annotator: final.annotator };
  const humans = labels.filter((l) => l.source === "human");
  if (humans.length) {
    const steps = [...new Set(humans.map((l) => l.step))];
    if (steps.length > 1)
      return { kind: "disagreement", steps: steps.sort((a, b) => (a ?? Infinity) - (b ?? Infinity)) };
    return {
      kind: "human",
      step: steps[0],
      annotator: humans
        .map((l) => l.annotator)
        .sort()
        .join(", "),
    };
  }
  const imported = labels.find((l) => l.source === "imported");
  if (imported) return { kind: "imported", step: imported.step, annotator: imported.annotator };
  return { kind: "none" };
}

/** The winning label as a step, or undefined when the trace has none (disagreement or unlabelled). */
export function winningStep(labels: readonly SourcedLabel[]): number | null | undefined {
  const w = winningLabel(labels);
  return w.kind === "disagreement" || w.kind === "none" ? undefined : w.step;
}

/** The winner as a plain label (step, annotator, source), or null when the trace has none. */
export function winnerLabel(
  labels: readonly SourcedLabel[],
): { step: number | null; annotator: string; source: "final" | "human" | "imported" } | null {
  const w = winningLabel(labels);
  return w.kind === "disagreement" || w.kind === "none"
    ? null
    : { step: w.step, annotator: w.annotator, source: w.kind };
}
