"use client";
import { lengthBinLabel } from "@/lib/core/compare/histogram";
import type { Analysis } from "@/lib/data/analysis";
import { Bars } from "./bars";
import { ChartCard } from "./chart-card";

/** Paper Figure 10: intervention length vs the full attempt it intervenes on (token estimates). */
export function LengthPlot({ lengths }: { lengths: Analysis["lengths"] }) {
  const data = lengths.interventions.map((iv, i) => ({
    x: lengthBinLabel(i),
    intervention: iv,
    "full attempt": lengths.attempts[i],
  }));
  const note = lengths.count
    ? `≈ tokens = UTF-8 bytes / 4 (estimate, not the tokenizer) · ${lengths.count.toLocaleString("en")} interventions · mean ${lengths.meanIvTokens} vs ${lengths.meanAttemptTokens} tokens · mean ratio ${((lengths.meanRatio ?? 0) * 100).toFixed(1)}%`
    : undefined;
  return (
    <ChartCard
      title="Intervention length vs attempt length"
      name="intervention-length"
      note={note}
      empty={lengths.count ? null : "No interventions yet: propose or write interventions on the review page."}
      csv={data.map(({ x, ...r }) => ({ tokens_estimate: x, ...r }))}
    >
      <Bars
        data={data}
        series={["intervention", "full attempt"]}
        xLabel="length (≈ tokens, bytes/4)"
        yLabel="interventions"
      />
    </ChartCard>
  );
}
