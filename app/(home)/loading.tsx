import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

// In a route group so this boundary wraps only this page, not the review page below it: a
// loading boundary above the review page put its first steps into a hidden segment that the
// browser reveals on an animation frame, i.e. only after parsing the whole (3 MB) page.

export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl space-y-3">
      <Skeleton className="h-6 w-32" />
      <div className="rounded-lg border border-slate-200 bg-white p-4"><SkeletonRows rows={4} cols={5} /></div>
    </div>
  );
}
