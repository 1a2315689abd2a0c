import type { AlignedPair } from "@/lib/core/compare/align";
import { MathMarkdown } from "@/components/math/math-markdown";
import { RENDER_AT_ONCE } from "@/components/math/render-queue";
import { cn } from "@/components/ui/cn";

const TONE: Record<AlignedPair["kind"], string> = {
  same: "",
  changed: "bg-amber-50/60",
  onlyA: "bg-rose-50/50",
  onlyB: "bg-emerald-50/50",
};

/** The two traces' steps in aligned rows; the base error step and the repeated step are marked. */
export function AlignedSteps({
  a,
  b,
  pairs,
  errStep,
  sameStep,
  divergenceRow,
}: {
  a: string[];
  b: string[];
  pairs: AlignedPair[];
  errStep: number | null;
  sameStep: number | null;
  divergenceRow: number | null;
}) {
  // Rows past the first screenful render their math when the browser is idle (client navigation).
  const cell = (steps: string[], n: number | null, mark: "error" | "same" | null, side: "A" | "B", row: number) =>
    n === null ? (
      <td className="border-l border-slate-100 p-2 text-xs text-slate-400">—</td>
    ) : (
      <td
        className={cn(
          "border-l border-slate-100 p-2 align-top",
          mark === "error" && "ring-2 ring-inset ring-rose-400",
          mark === "same" && "ring-2 ring-inset ring-amber-400",
        )}
        data-side={side}
        data-step={n}
      >
        <div className="mb-0.5 flex gap-2 text-[11px] text-slate-500">
          <span>
            {side} step {n}
          </span>
          {mark === "error" && <span className="font-semibold text-rose-700">first error (base)</span>}
          {mark === "same" && <span className="font-semibold text-amber-700">same mistake?</span>}
        </div>
        <div className="text-sm">
          <MathMarkdown text={steps[n - 1]} defer={row >= RENDER_AT_ONCE} />
        </div>
      </td>
    );
  return (
    <section className="overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label="aligned steps">
      <table className="w-full table-fixed">
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th className="w-16 p-2">row</th>
            <th className="p-2">A (base)</th>
            <th className="p-2">B</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p, i) => (
            <tr key={i} className={cn("border-t border-slate-100", TONE[p.kind])}>
              <td className="p-2 align-top text-[11px] text-slate-500">
                {p.kind}
                {i === divergenceRow && <div className="font-semibold text-indigo-700">diverge</div>}
              </td>
              {cell(a, p.a, p.a !== null && p.a === errStep ? "error" : null, "A", i)}
              {cell(b, p.b, p.b !== null && p.b === sameStep ? "same" : null, "B", i)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
