"use client";
import { REL_BINS, relBinLabel } from "@/lib/core/compare/histogram";
import type { LabelHistogram } from "@/lib/data/analysis";
import { Bars } from "./bars";
import { ChartCard } from "./chart-card";

const NAMES: Record<string, string> = {
  final: "final (adjudicated)",
  human: "human (studio)",
  imported: "human (imported)",
  model: "model",
};
const name = (s: string) => NAMES[s] ?? s;

/** Paper Figure 2: where first errors fall, by step index and by relative position. */
export function FirstErrorPlots({ hist, stepBins }: { hist: LabelHistogram[]; stepBins: number }) {
  const series = hist.map((h) => name(h.source));
  const byStep = Array.from({ length: stepBins }, (_, i) => ({
    x: i === stepBins - 1 ? `${stepBins}+` : String(i + 1),
    ...Object.fromEntries(hist.map((h) => [name(h.source), h.byStep[i]])),
  }));
  const byRel = Array.from({ length: REL_BINS }, (_, i) => ({
    x: relBinLabel(i),
    ...Object.fromEntries(hist.map((h) => [name(h.source), h.byRel[i]])),
  }));
  const empty = hist.every((h) => h.labels - h.noError === 0)
    ? "No first-error labels with a step yet: label traces on the review page or import labelled data (ProcessBench, PRM800K)."
    : null;
  const note = hist
    .map(
      (h) => `${name(h.source)}: ${h.labels.toLocaleString("en")} labels, ${h.noError.toLocaleString("en")} "no error"`,
    )
    .join(" · ");
  return (
    <>
      <ChartCard
        title="First-error step index"
        name="first-error-step"
        note={note}
        empty={empty}
        csv={byStep.map(({ x, ...r }) => ({ step: x, ...r }))}
      >
        <Bars data={byStep} series={series} xLabel="first-error step (1-based)" yLabel="labels" />
      </ChartCard>
      <ChartCard
        title="First-error relative position"
        name="first-error-relative"
        note="step / number of steps in the trace (paper Fig. 2)"
        empty={empty}
        csv={byRel.map(({ x, ...r }) => ({ relative_position: x, ...r }))}
      >
        <Bars data={byRel} series={series} xLabel="relative position of the first error" yLabel="labels" />
      </ChartCard>
    </>
  );
}
