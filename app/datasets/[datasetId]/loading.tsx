import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-7xl space-y-3">
      <div className="flex items-end justify-between"><Skeleton className="h-6 w-48" /><Skeleton className="h-3 w-80" /></div>
      <Skeleton className="h-11 w-full" />
      <div className="rounded-lg border border-slate-200 bg-white p-3"><SkeletonRows rows={12} cols={7} /></div>
    </div>
  );
}
