import type { JobItemView } from "@/lib/data/job-queries";

/** Failed items with their recorded error (shown as text: errors can quote model output). */
export function JobFailures({ failures, total }: { failures: JobItemView[]; total: number }) {
  if (failures.length === 0) return null;
  return (
    <div className="rounded-md border border-rose-200 bg-rose-50/50">
      <h3 className="border-b border-rose-200 px-3 py-1.5 text-sm font-medium text-rose-800">
        Failed items{total > failures.length ? ` (latest ${failures.length} of ${total})` : ` (${total})`}
      </h3>
      <ul className="max-h-80 divide-y divide-rose-100 overflow-auto text-xs">
        {failures.map((f) => (
          <li key={f.id} className="grid grid-cols-[minmax(8rem,14rem)_1fr_auto] gap-3 px-3 py-1.5">
            <span className="truncate font-mono text-slate-700" title={f.key}>
              {f.key}
            </span>
            <span className="break-words whitespace-pre-wrap text-rose-800">{f.error ?? "failed"}</span>
            <span className="text-slate-500 tabular-nums">
              {f.attempts} attempt{f.attempts === 1 ? "" : "s"}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
