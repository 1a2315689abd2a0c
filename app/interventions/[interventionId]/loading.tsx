import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl space-y-3">
      <Skeleton className="h-6 w-32" />
      <div className="rounded-lg border border-slate-200 bg-white p-4"><SkeletonRows rows={4} cols={5} /></div>
    </div>
  );
}
