import type { PairComparison } from "@/lib/data/compare";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);

/** Accuracy and length of A and B on the problems both were graded on. */
export function PairStats({ a, b, cmp }: { a: string; b: string; cmp: PairComparison }) {
  const rows = [
    { name: a, role: "A (base)", s: cmp.a },
    { name: b, role: "B", s: cmp.b },
  ];
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 className="text-sm font-semibold">On the same problems</h2>
      <p className="mb-2 text-xs text-slate-500">
        {cmp.common.toLocaleString("en")} problems with graded attempts of both models · tokens ≈ UTF-8 bytes / 4
        (estimate)
      </p>
      <table className="w-full text-sm" aria-label="pair accuracy">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th></th>
            <th>model</th>
            <th className="text-right">attempts</th>
            <th className="text-right">accuracy</th>
            <th className="text-right">mean ≈ tokens</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.role} className="border-t border-slate-100">
              <td className="text-xs text-slate-500">{r.role}</td>
              <td className="font-mono text-xs">{r.name}</td>
              <td className="text-right tabular-nums">{r.s.graded.toLocaleString("en")}</td>
              <td className="text-right tabular-nums">
                {pct(r.s.accuracy)} ({r.s.correct})
              </td>
              <td className="text-right tabular-nums">{r.s.meanTokens.toLocaleString("en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm">
        Flipped: <strong className="text-emerald-700">{cmp.flipCounts.fixed} fixed</strong> (solved by B, not A) ·{" "}
        <strong className="text-rose-700">{cmp.flipCounts.broken} broken</strong> (solved by A, not B)
      </p>
    </section>
  );
}
