import Link from "next/link";
import type { SideTrace } from "@/lib/data/compare";
import { cn } from "@/components/ui/cn";

/** Links to each attempt of A and B on this problem (a model may have several). */
export function AttemptPicker({ a, b, ta, tb, search }: { a: SideTrace[]; b: SideTrace[]; ta?: string; tb?: string; search: { a: string; b: string } }) {
  if (a.length <= 1 && b.length <= 1) return null;
  const href = (x?: string, y?: string) => `?${new URLSearchParams({ ...search, ...(x ? { ta: x } : {}), ...(y ? { tb: y } : {}) })}`;
  const row = (label: string, list: SideTrace[], cur: string | undefined, to: (id: string) => string) => (
    <div className="flex flex-wrap items-center gap-1">
      <span className="w-20 text-xs text-slate-500">{label}</span>
      {list.map((t, i) => (
        <Link key={t.id} href={to(t.id)} className={cn("rounded px-1.5 py-0.5 text-xs ring-1 ring-slate-200", t.id === cur ? "bg-indigo-600 text-white" : "hover:bg-slate-100")}>
          #{i + 1} {t.correct === true ? "✓" : t.correct === false ? "✗" : "?"}
        </Link>
      ))}
    </div>
  );
  return (
    <section className="space-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2" aria-label="attempts">
      {row("A attempts", a, ta, (id) => href(id, tb))}
      {row("B attempts", b, tb, (id) => href(ta, id))}
    </section>
  );
}
