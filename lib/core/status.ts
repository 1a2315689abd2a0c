// Curation status of a trace, derived from what people did (imported and model labels
// are suggestions and do not count as curation):
//   todo      no human first-error label yet
//   labelled  a human label exists, no accepted/edited intervention (and the label is an error)
//   curated   a human "no error" label, or an accepted/edited intervention
export type TraceStatus = "todo" | "labelled" | "curated";
export type InterventionStatus = "proposed" | "accepted" | "edited" | "rejected";

export function deriveTraceStatus(input: {
  humanLabel: { step: number | null } | null;
  interventionStatuses: readonly string[];
}): { status: TraceStatus; hasIntervention: boolean } {
  const hasIntervention = input.interventionStatuses.some((s) => s !== "rejected");
  const kept = input.interventionStatuses.some((s) => s === "accepted" || s === "edited");
  if (kept || (input.humanLabel && input.humanLabel.step === null)) return { status: "curated", hasIntervention };
  if (input.humanLabel) return { status: "labelled", hasIntervention };
  return { status: "todo", hasIntervention };
}
