"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

// Fetch the next two traces' pages while this one is read, so "accept and next" shows a page
// the browser already holds: with the next one only, a decision made the moment a trace
// appeared waited for the server to render the next page (that fetch had only just started);
// the one after the next was asked for a trace earlier. Arriving there asks only for the new
// last one (the router keeps the others). Their rows may age while cached, which is safe:
// every write names the version it read and a stale one is refused.
export function usePrefetchAhead(nextHref: string | null, afterNextHref: string | null): void {
  const router = useRouter();
  useEffect(() => {
    const ahead = [nextHref, afterNextHref].filter((h): h is string => h !== null);
    if (ahead.length === 0) return;
    const t = setTimeout(() => ahead.forEach((h) => router.prefetch(h, { kind: "full" as never })), 0);
    return () => clearTimeout(t);
  }, [nextHref, afterNextHref, router]);
}
