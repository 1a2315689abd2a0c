import type { ConditionSummary } from "@/lib/core/rollouts/summary";
import { formatPercent } from "@/lib/core/rollouts/summary";

const LABELS: Record<string, string> = {
  problem: "problem alone",
  prefix: "prefix before the error",
  original: "prefix + original step",
  intervention: "prefix + intervention",
  attempt: "sampled attempts",
};

/** Paper Table 1 for a dataset: accuracy (mean reward) and coverage per condition, with pass@k. */
export function RolloutSummaryTable({ rows }: { rows: ConditionSummary[] }) {
  if (rows.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No rollouts yet: run rollouts from the review screen or `npm run int -- rollouts --dataset NAME`.
      </p>
    );
  const ks = [...new Set(rows.flatMap((r) => r.passAtK.map((p) => p.k)))].sort((a, b) => a - b);
  return (
    <table aria-label="Rollout summary" className="w-full text-sm">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1">Condition</th>
          <th>Rollouts</th>
          <th>Accuracy</th>
          <th>Coverage</th>
          {ks.map((k) => (
            <th key={k}>pass@{k}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.condition} className="border-t border-slate-100">
            <td className="py-1">{LABELS[r.condition] ?? r.condition}</td>
            <td>{r.rollouts.toLocaleString("en")}</td>
            <td>{formatPercent(r.accuracy)}</td>
            <td>
              {r.covered}/{r.problems} ({formatPercent(r.coverage)})
            </td>
            {ks.map((k) => {
              const p = r.passAtK.find((x) => x.k === k);
              return <td key={k}>{p ? formatPercent(p.value) : "–"}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
