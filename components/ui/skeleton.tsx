import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded bg-slate-200", className)} />;
}

/** A table-shaped placeholder: `rows` lines of `cols` cells. */
export function SkeletonRows({ rows = 8, cols = 6 }: { rows?: number; cols?: number }) {
  return (
    <div className="space-y-2" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-3">
          {Array.from({ length: cols }, (_, c) => (
            <Skeleton key={c} className={cn("h-4", c === 1 ? "flex-[4]" : "flex-1")} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** A page-shaped placeholder: a title and a table (the loading state of list pages). */
export function SkeletonPage({ rows = 4, titleWidth = "w-32" }: { rows?: number; titleWidth?: string }) {
  return (
    <div className="mx-auto max-w-6xl space-y-3">
      <Skeleton className={cn("h-6", titleWidth)} />
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <SkeletonRows rows={rows} cols={5} />
      </div>
    </div>
  );
}
