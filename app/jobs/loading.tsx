import { SkeletonPage } from "@/components/ui/skeleton";

export default function Loading() {
  return <SkeletonPage rows={5} titleWidth="w-24" />;
}
