"use client";
import { PLOT_RULE, plottedPassAtK, type PassAtKPoint } from "@/lib/core/compare/pass-at-k-groups";
import { ChartCard } from "./chart-card";
import { PassAtKLines } from "./lines";

export type ModelCurve = { generator: string; passAtK: PassAtKPoint[] };

/** pass@k per model: drawn under PLOT_RULE; every computed point, with its n, stays in the CSV. */
export function PassAtKPanel({
  curves,
  note,
  title = "pass@k per model",
}: {
  curves: ModelCurve[];
  note?: string;
  title?: string;
}) {
  const drawn = curves.map((c) => ({ generator: c.generator, points: plottedPassAtK(c.passAtK) }));
  const ks = [...new Set(drawn.flatMap((c) => c.points.map((p) => p.k)))].sort((a, b) => a - b);
  const data = ks.map((k) => ({
    k,
    ...Object.fromEntries(drawn.map((c) => [c.generator, c.points.find((p) => p.k === k)?.value ?? null])),
  }));
  const n = Object.fromEntries(
    drawn.map((c) => [c.generator, Object.fromEntries(c.points.map((p) => [p.k, p.problems]))]),
  );
  const csv = curves.flatMap((c) => {
    const shown = new Set(plottedPassAtK(c.passAtK).map((p) => p.k));
    return c.passAtK.map((p) => ({
      model: c.generator,
      k: p.k,
      pass_at_k: p.value,
      problems: p.problems,
      plotted: shown.has(p.k) ? "yes" : "no",
    }));
  });
  const single = ks.length === 1 ? "Only pass@1 is drawn: more attempts per problem give the curve. " : "";
  return (
    <ChartCard
      title={title}
      name="pass-at-k"
      csv={csv}
      empty={
        ks.length ? null : "No graded attempts yet: import attempts with their correctness or grade sampled attempts."
      }
      note={
        <>
          {note ? `${note}. ` : ""}
          {single}Rule: {PLOT_RULE}.
        </>
      }
    >
      <PassAtKLines data={data} series={curves.map((c) => c.generator)} problems={n} />
    </ChartCard>
  );
}
