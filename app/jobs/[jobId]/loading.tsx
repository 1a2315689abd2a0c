import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-4xl space-y-3">
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-2 w-full" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}
