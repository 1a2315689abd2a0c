import type { AttemptModel } from "@/lib/data/compare-attempts";

const pct = (c: number, n: number) => (n ? `${((c / n) * 100).toFixed(1)}%` : "–");

/** Sampled attempts per model (every attempt, right or wrong; the wrong ones are also traces above). */
export function AttemptModels({ models }: { models: AttemptModel[] }) {
  if (models.length === 0) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 className="mb-1 text-sm font-semibold">Sampled attempts</h2>
      <p className="mb-1 text-xs text-slate-500">
        Every sampled attempt is counted in the comparison below; only the wrong ones were kept as traces.
      </p>
      <table className="w-full text-sm" aria-label="sampled attempts">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th>model</th>
            <th className="text-right">problems</th>
            <th className="text-right">attempts</th>
            <th className="text-right">correct</th>
            <th className="text-right">accuracy</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.model} className="border-t border-slate-100">
              <td className="font-mono text-xs">{m.model || "(unknown)"}</td>
              <td className="text-right tabular-nums">{m.problems.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">{m.attempts.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">{m.correct.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">{pct(m.correct, m.attempts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
