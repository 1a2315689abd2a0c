"use client";
import { useLayoutEffect } from "react";
import type { useRouter } from "next/navigation";

// Moving to another trace (n, p, g, Shift+A/R) starts the new page at the top. Next's own
// scroll-to-top asks the browser for the new page's geometry inside the commit, which lays out
// the whole new trace once more before the frame that shows it (measured: 10-16 ms of the
// ~110 ms accept -> next). So these navigations pass `scroll: false` and the arriving review
// screen scrolls to (0, 0) itself, which needs no layout (the position cannot be clamped).

let scrollOnArrival = false;

/** router.push to another review-screen URL, arriving at the top of the page. */
export function goToTrace(router: ReturnType<typeof useRouter>, href: string): void {
  scrollOnArrival = true;
  router.push(href, { scroll: false });
}

/** In the review screen: on arriving by goToTrace, start at the top (a full page load keeps the browser's scroll). */
export function useScrollTopOnArrival(): void {
  useLayoutEffect(() => {
    if (!scrollOnArrival) return;
    scrollOnArrival = false;
    window.scrollTo(0, 0);
  }, []);
}
