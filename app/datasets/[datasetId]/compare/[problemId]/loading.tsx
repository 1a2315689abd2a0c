import { PanelsSkeleton } from "@/components/analysis/panels-skeleton";

export default function Loading() {
  return <PanelsSkeleton />;
}
