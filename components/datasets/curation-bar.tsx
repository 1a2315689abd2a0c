import { ProgressBar } from "@/components/ui/progress-bar";

/** How much of a dataset is curated (green) and labelled but not yet curated (amber). */
export function CurationBar({
  counts,
  total,
  className,
}: {
  counts: { todo: number; labelled: number; curated: number };
  total: number;
  className?: string;
}) {
  const pct = total > 0 ? Math.round((counts.curated / total) * 100) : 0;
  return (
    <div className={className}>
      <ProgressBar
        label="Curated"
        max={total}
        segments={[
          { value: counts.curated, className: "bg-emerald-500", label: "curated" },
          { value: counts.labelled, className: "bg-amber-400", label: "labelled" },
        ]}
      />
      <div className="mt-0.5 flex justify-between text-[11px] text-slate-500 tabular-nums">
        <span>
          {counts.curated.toLocaleString("en")} / {total.toLocaleString("en")} curated ({pct}%)
        </span>
        {/* curated traces are labelled too: the amber segment is only those still awaiting curation */}
        <span>
          {(counts.labelled + counts.curated).toLocaleString("en")} labelled ({counts.labelled.toLocaleString("en")} not
          yet curated) · {counts.todo.toLocaleString("en")} todo
        </span>
      </div>
    </div>
  );
}
