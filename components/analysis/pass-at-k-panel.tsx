"use client";
import type { PassAtKPoint } from "@/lib/core/compare/pass-at-k-groups";
import { ChartCard } from "./chart-card";
import { PassAtKLines } from "./lines";

export type ModelCurve = { generator: string; passAtK: PassAtKPoint[] };

/** pass@k per model (unbiased estimator over the problems with at least k graded attempts). */
export function PassAtKPanel({ curves, note, title = "pass@k per model" }: { curves: ModelCurve[]; note?: string; title?: string }) {
  const ks = [...new Set(curves.flatMap((c) => c.passAtK.map((p) => p.k)))].sort((a, b) => a - b);
  const data = ks.map((k) => ({ k, ...Object.fromEntries(curves.map((c) => [c.generator, c.passAtK.find((p) => p.k === k)?.value ?? null])) }));
  const csv = curves.flatMap((c) => c.passAtK.map((p) => ({ model: c.generator, k: p.k, pass_at_k: p.value, problems: p.problems })));
  return (
    <ChartCard title={title} name="pass-at-k" csv={csv} empty={ks.length ? null : "No graded attempts yet: import attempts with their correctness or grade sampled attempts."}
      note={note ?? (ks.length === 1 ? "one graded attempt per problem: only pass@1; more attempts per problem give the curve" : undefined)}>
      <PassAtKLines data={data} series={curves.map((c) => c.generator)} />
    </ChartCard>
  );
}
