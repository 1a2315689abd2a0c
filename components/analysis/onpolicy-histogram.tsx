"use client";
import type { OnpolicyBin } from "@/lib/data/onpolicy";
import { Bars } from "./bars";
import { ChartCard } from "./chart-card";

const label = (b: OnpolicyBin) => `${b.lo.toFixed(2)}–${b.hi.toFixed(2)}`;

/** Distribution of the interventions' mean NLL (bins computed in the database). */
export function OnpolicyHistogram({ bins, fence, note }: { bins: OnpolicyBin[]; fence: number | null; note: string }) {
  const data = bins.map((b) => ({ x: label(b), interventions: b.count }));
  return (
    <ChartCard
      title="Mean NLL of interventions"
      name="onpolicy-nll"
      note={note}
      empty={bins.length ? null : "No scored interventions yet."}
      csv={bins.map((b) => ({
        nll_from: b.lo,
        nll_to: b.hi,
        interventions: b.count,
        above_fence: fence !== null && b.lo > fence ? 1 : 0,
      }))}
    >
      <Bars
        data={data}
        series={["interventions"]}
        xLabel="mean NLL (nats / token) under the base model"
        yLabel="interventions"
        width={720}
      />
    </ChartCard>
  );
}
