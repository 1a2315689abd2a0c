import { cn } from "./cn";

export type Segment = { value: number; className: string; label: string };

/**
 * A horizontal bar: one value out of `max`, or several stacked segments (e.g. curated,
 * labelled) out of `max`. Exposed to assistive tech as a progressbar of the first segment.
 */
export function ProgressBar({
  value,
  segments,
  max,
  label,
  className,
}: {
  value?: number;
  segments?: Segment[];
  max: number;
  label: string;
  className?: string;
}) {
  const segs = segments ?? [{ value: value ?? 0, className: "bg-indigo-500", label }];
  const pct = (v: number) => (max > 0 ? Math.min(100, Math.max(0, (v / max) * 100)) : 0);
  const now = segs[0]?.value ?? 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={now}
      title={segs.map((s) => `${s.label}: ${s.value}`).join(" · ")}
      className={cn("flex h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      {segs.map((s) => (
        <div
          key={s.label}
          className={cn("h-full transition-[width] duration-150", s.className)}
          style={{ width: `${pct(s.value)}%` }}
        />
      ))}
    </div>
  );
}
