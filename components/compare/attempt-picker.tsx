import Link from "next/link";
import type { SideTrace } from "@/lib/data/compare";
import type { AttemptCounts } from "@/lib/data/compare-attempts";
import { cn } from "@/components/ui/cn";

/**
 * Links to each attempt of A and B on this problem (a model may have several): its traces, then
 * its correct sampled attempts (no trace: only wrong attempts are kept as traces), with how many
 * attempts were sampled and how many were correct.
 */
export function AttemptPicker({
  a,
  b,
  ta,
  tb,
  search,
  sampled,
}: {
  a: SideTrace[];
  b: SideTrace[];
  ta?: string;
  tb?: string;
  search: { a: string; b: string };
  sampled?: { a: AttemptCounts; b: AttemptCounts };
}) {
  const anySampled = !!sampled && sampled.a.n + sampled.b.n > 0;
  if (a.length <= 1 && b.length <= 1 && !anySampled) return null;
  const href = (x?: string, y?: string) =>
    `?${new URLSearchParams({ ...search, ...(x ? { ta: x } : {}), ...(y ? { tb: y } : {}) })}`;
  const row = (
    label: string,
    list: SideTrace[],
    cur: string | undefined,
    to: (id: string) => string,
    s: AttemptCounts | undefined,
  ) => (
    <div className="flex flex-wrap items-center gap-1">
      <span className="w-20 text-xs text-slate-500">{label}</span>
      {list.map((t, i) => (
        <Link
          key={t.id}
          href={to(t.id)}
          title={t.kind === "attempt" ? "a correct sampled attempt (not a trace)" : "a trace"}
          className={cn(
            "rounded px-1.5 py-0.5 text-xs ring-1",
            t.kind === "attempt" ? "ring-emerald-200" : "ring-slate-200",
            t.id === cur ? "bg-indigo-600 text-white" : "hover:bg-slate-100",
          )}
        >
          #{i + 1} {t.correct === true ? "✓" : t.correct === false ? "✗" : "?"}
          {t.kind === "attempt" ? " sampled" : ""}
        </Link>
      ))}
      {s && s.n > 0 && (
        <span className="ml-2 text-xs text-slate-600" data-testid={`sampled-${label[0]}`}>
          sampled: {s.n} attempt{s.n === 1 ? "" : "s"}, {s.c} correct{s.c === s.n ? " (all)" : ""}
        </span>
      )}
    </div>
  );
  return (
    <section className="space-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2" aria-label="attempts">
      {row("A attempts", a, ta, (id) => href(id, tb), sampled?.a)}
      {row("B attempts", b, tb, (id) => href(ta, id), sampled?.b)}
    </section>
  );
}
