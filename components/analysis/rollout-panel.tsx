"use client";
import type { Analysis } from "@/lib/data/analysis";
import { Bars } from "./bars";
import { ChartCard } from "./chart-card";

const LABELS: Record<string, string> = {
  problem: "problem only",
  prefix: "prefix before t*",
  original: "prefix + original step",
  intervention: "prefix + intervention",
  attempt: "full attempt",
};
const pct = (v: number, d = 2) => `${(v * 100).toFixed(d)}%`;

/** Paper Table 1: accuracy and coverage per rollout condition, and the verified fraction. */
export function RolloutPanel({ rollouts, verified }: Pick<Analysis, "rollouts" | "verified">) {
  const data = rollouts.map((r) => ({
    x: LABELS[r.condition] ?? r.condition,
    "accuracy %": +(r.accuracy * 100).toFixed(3),
    "coverage %": +(r.coverage * 100).toFixed(2),
  }));
  return (
    <ChartCard
      title="Rollouts per condition"
      name="rollout-conditions"
      note={`Verified interventions (≥1 correct rollout): ${verified.verified} of ${verified.rolledOut} rolled out${verified.rolledOut ? ` (${pct(verified.verified / verified.rolledOut, 1)})` : ""}, ${verified.total} interventions in all`}
      empty={
        rollouts.length
          ? null
          : "No rollouts yet: run a rollout job from the jobs page to fill Table 1 (accuracy and coverage per condition)."
      }
      csv={rollouts.map((r) => ({
        condition: r.condition,
        rollouts: r.rollouts,
        correct: r.correct,
        accuracy: r.accuracy,
        problems: r.problems,
        covered: r.covered,
        coverage: r.coverage,
      }))}
    >
      <table className="mb-2 w-full text-xs">
        <thead className="text-left text-slate-500">
          <tr>
            <th>condition</th>
            <th className="text-right">rollouts</th>
            <th className="text-right">accuracy</th>
            <th className="text-right">problems covered</th>
          </tr>
        </thead>
        <tbody>
          {rollouts.map((r) => (
            <tr key={r.condition} className="border-t border-slate-100">
              <td>{LABELS[r.condition] ?? r.condition}</td>
              <td className="text-right tabular-nums">{r.rollouts.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">
                {pct(r.accuracy, 3)} ({r.correct})
              </td>
              <td className="text-right tabular-nums">
                {r.covered} / {r.problems} ({pct(r.coverage, 1)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Bars data={data} series={["accuracy %", "coverage %"]} xLabel="condition" yLabel="%" height={230} />
    </ChartCard>
  );
}
