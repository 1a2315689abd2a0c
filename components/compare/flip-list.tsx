import Link from "next/link";
import type { Flip } from "@/lib/data/compare";
import type { FlipDirection } from "@/lib/core/compare/flips";
import { Badge } from "@/components/ui/badge";
import { MathInline } from "@/components/math/math-inline";

/** Problems solved by one model and not the other, each linking to its side-by-side view. */
export function FlipList({
  base,
  a,
  b,
  flips,
  counts,
  limit,
}: {
  base: string;
  a: string;
  b: string;
  flips: Flip[];
  counts: Record<FlipDirection, number>;
  limit: number;
}) {
  const total = counts.fixed + counts.broken;
  const q = `?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3" aria-label="flipped problems">
      <h2 className="text-sm font-semibold">
        Flipped problems ({total.toLocaleString("en")}
        {total > limit ? `, first ${limit} shown` : ""})
      </h2>
      {flips.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">
          No problem flipped: both models solve (or miss) the same problems.
        </p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100">
          {flips.map((f) => (
            <li key={f.problemId}>
              <Link
                href={`${base}/compare/${f.problemId}${q}`}
                className="flex items-center gap-3 px-1 py-1.5 text-sm hover:bg-slate-50"
              >
                <Badge tone={f.flip === "fixed" ? "green" : "red"}>
                  {f.flip === "fixed" ? "fixed by B" : "broken by B"}
                </Badge>
                <MathInline className="min-w-0 flex-1 truncate" text={f.snippet} />
                <span className="text-xs tabular-nums text-slate-500">
                  A {f.a.c}/{f.a.n} · B {f.b.c}/{f.b.n}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
