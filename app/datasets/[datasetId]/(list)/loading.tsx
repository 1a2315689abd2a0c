import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

// In a route group so this boundary wraps only this page, not the review page below it: a
// loading boundary above the review page put its first steps into a hidden segment that the
// browser reveals on an animation frame, i.e. only after parsing the whole (3 MB) page.

export default function Loading() {
  return (
    <div className="mx-auto max-w-7xl space-y-3">
      <div className="flex items-end justify-between">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-3 w-80" />
      </div>
      <Skeleton className="h-11 w-full" />
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <SkeletonRows rows={12} cols={7} />
      </div>
    </div>
  );
}
