import { SkeletonPage } from "@/components/ui/skeleton";

// In a route group so this boundary wraps only the home page: a loading boundary above the
// review page put its first steps into a hidden segment that the browser reveals on an
// animation frame, i.e. only after parsing the whole (3 MB) page.

export default function Loading() {
  return <SkeletonPage />;
}
