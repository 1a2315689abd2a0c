import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading trace">
      <Skeleton className="h-6 w-72" />
      <Skeleton className="h-20 w-full" />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_20rem]">
        <div className="space-y-2">{Array.from({ length: 10 }, (_, i) => <Skeleton key={i} className="h-5 w-full" />)}</div>
        <Skeleton className="h-96" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}
