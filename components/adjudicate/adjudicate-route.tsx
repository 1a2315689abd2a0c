"use client";
import { useRouter } from "next/navigation";
import { AdjudicatePanel } from "./adjudicate-panel";

/** The panel on its own page: once the final label is saved, back to the trace's review screen. */
export function AdjudicateRoute({ traceId, backHref }: { traceId: string; backHref: string }) {
  const router = useRouter();
  return (
    <AdjudicatePanel
      traceId={traceId}
      onDone={() => {
        router.push(backHref);
        router.refresh();
      }}
    />
  );
}
