import Link from "next/link";
import { traceFilterToSearch, type TraceFilter } from "@/lib/core/filters";
import { cn } from "@/components/ui/cn";
import { countText } from "@/lib/core/count-text";

const TABS = [undefined, "todo", "labelled", "curated"] as const;

/** Status filter as tabs, each with its count under the other filters. */
type Counts<T> = Record<"todo" | "labelled" | "curated", T>;

/** `capped`: which counts stopped at a cap (a text search), shown as "1,000+". */
export function StatusTabs({
  base,
  filter,
  counts,
  capped,
}: {
  base: string;
  filter: TraceFilter;
  counts: Counts<number>;
  capped?: Counts<boolean>;
}) {
  const all = counts.todo + counts.labelled + counts.curated;
  const anyCapped = !!capped && (capped.todo || capped.labelled || capped.curated);
  return (
    <nav aria-label="Status" className="flex gap-1 text-sm">
      {TABS.map((s) => {
        const current = filter.status === s;
        return (
          <Link
            key={s ?? "all"}
            href={base + traceFilterToSearch({ ...filter, status: s })}
            aria-current={current ? "page" : undefined}
            className={cn(
              "rounded-md px-2 py-0.5",
              current ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-200",
            )}
          >
            {s ?? "all"}{" "}
            <span className="tabular-nums opacity-75">
              {s ? countText(counts[s], capped?.[s]) : countText(all, anyCapped)}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}
