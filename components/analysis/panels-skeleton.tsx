import { Skeleton } from "@/components/ui/skeleton";

/** Loading state of the compare and analysis pages: a title, a summary and four chart panels. */
export function PanelsSkeleton() {
  return (
    <div className="mx-auto max-w-7xl space-y-3" aria-busy="true" aria-label="Loading">
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-24 w-full" />
      <div className="grid gap-3 xl:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-72 w-full" />
        ))}
      </div>
    </div>
  );
}
