import { ProgressBar } from "@/components/ui/progress-bar";

/** Done (green) and failed (red) items out of the total, with the numbers beside it. */
export function JobBar({
  total,
  done,
  failed,
  label = "Job progress",
  showCounts = true,
}: {
  total: number;
  done: number;
  failed: number;
  label?: string;
  showCounts?: boolean;
}) {
  const pct = total > 0 ? Math.floor(((done + failed) / total) * 100) : 100;
  return (
    <div className="flex items-center gap-2">
      <ProgressBar
        max={total}
        label={label}
        className="min-w-24 flex-1"
        segments={[
          { value: done, className: "bg-emerald-500", label: "done" },
          { value: failed, className: "bg-rose-500", label: "failed" },
        ]}
      />
      {showCounts && (
        <span className="text-xs tabular-nums whitespace-nowrap text-slate-600">
          {done + failed}/{total} ({pct}%){failed > 0 && <span className="text-rose-700"> · {failed} failed</span>}
        </span>
      )}
    </div>
  );
}
