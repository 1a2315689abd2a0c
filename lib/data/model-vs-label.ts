import { agreement, type Agreement } from "@/lib/core/compare/agreement";
import { groupLabels } from "@/lib/core/agreement/label-groups";
import { winningStep } from "@/lib/core/agreement/winning-label";

// The model-vs-label agreement over the rows of AGREEMENT_GROUPS (lib/data/analysis-sql.ts): each group's winning
// label (final, agreeing people, imported) vs the model's. One definition for the Analysis panel and the dataset
// page's "Human vs model first error" line.
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const opt = (v: unknown) => (v === null || v === undefined ? null : num(v));

export function modelVsWinner(rows: Record<string, unknown>[]): Agreement {
  const pairs = [];
  for (const r of rows) {
    const labels = { final: opt(r.final), humans: r.humans === null ? null : String(r.humans), imported: opt(r.imported) };
    const human = winningStep(groupLabels(labels));
    if (human !== undefined) pairs.push({ human, model: opt(r.model), count: num(r.count) });
  }
  return agreement(pairs);
}
