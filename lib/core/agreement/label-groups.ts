import type { SourcedLabel } from "./winning-label";

// A grouped summary of one trace's labels as the analysis SQL returns it (analysis-sql.ts
// AGREEMENT_GROUPS), turned back into labels the winning rule can judge. Steps: -1 = "no error",
// null = no such label; `humans` = "distinct steps:lowest:highest" of the people's labels.

export type LabelGroup = { final: number | null; humans: string | null; imported: number | null };

const step = (v: number): number | null => (v === -1 ? null : v);

export function groupLabels(g: LabelGroup): SourcedLabel[] {
  const out: SourcedLabel[] = [];
  if (g.final !== null) out.push({ source: "final", annotator: "", step: step(g.final) });
  if (g.humans !== null) {
    const [distinct, lo, hi] = g.humans.split(":").map(Number);
    if (distinct >= 1) out.push({ source: "human", annotator: "", step: step(lo) });
    if (distinct > 1) out.push({ source: "human", annotator: "", step: step(hi) });
  }
  if (g.imported !== null) out.push({ source: "imported", annotator: "", step: step(g.imported) });
  return out;
}
