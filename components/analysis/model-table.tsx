import type { ModelStats } from "@/lib/data/analysis";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);

/** Models present in the dataset: traces, attempts (traces not sampled + sampled attempts), graded accuracy, mean length over the attempts. */
export function ModelTable({ models, caption = "Models in this dataset" }: { models: ModelStats[]; caption?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 className="text-sm font-semibold">{caption}</h2>
      <p className="mb-1 text-xs text-slate-500">
        Accuracy, pass@k and means are over each model&apos;s attempts: its traces not sampled plus every sampled
        attempt (right or wrong).
      </p>
      <table className="w-full text-sm" aria-label="models">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th>model (generator)</th>
            <th className="text-right">problems</th>
            <th className="text-right">traces</th>
            <th
              className="text-right"
              title="traces not sampled + every sampled attempt (right ones are not kept as traces)"
            >
              attempts
            </th>
            <th className="text-right">graded</th>
            <th className="text-right">accuracy</th>
            <th className="text-right">mean steps</th>
            <th className="text-right" title="UTF-8 bytes / 4: an estimate, not the tokenizer">
              mean ≈ tokens
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.generator} className="border-t border-slate-100">
              <td className="font-mono text-xs">{m.generator || "(unknown)"}</td>
              <td className="text-right tabular-nums">{m.problems.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">{m.traces.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">{m.attempts.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">{m.graded.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">{pct(m.accuracy)}</td>
              <td className="text-right tabular-nums">{m.meanSteps.toFixed(1)}</td>
              <td className="text-right tabular-nums">{m.meanTokens.toLocaleString("en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
