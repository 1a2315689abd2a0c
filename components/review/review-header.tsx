import Link from "next/link";
import { TraceStatusBadge } from "@/components/traces/status-badge";
import { buttonClass } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";

export function ReviewHeader({
  traceId,
  datasetName,
  listHref,
  externalId,
  generator,
  correct,
  status,
  stepCount,
  prevHref,
  nextHref,
  adjudicateHref = null,
}: {
  traceId: string;
  datasetName: string;
  listHref: string;
  externalId: string | null;
  generator: string;
  correct: boolean | null;
  /** null while a blind queue withholds the trace's labels: its status (labelled, curated) would tell of them */
  status: string | null;
  stepCount: number;
  prevHref: string | null;
  nextHref: string | null;
  adjudicateHref?: string | null; // curators: every label side by side and the final label
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <Link href={listHref} className="text-indigo-700 hover:underline">
        {datasetName}
      </Link>
      <span className="text-slate-400">/</span>
      <h1 className="font-semibold" title={traceId}>
        Trace {externalId ?? traceId.slice(-8)}
      </h1>
      <span data-testid="trace-status">
        {status === null ? (
          <span className="text-xs text-amber-700" title="A blind queue hides this trace's labels from you">
            status hidden (blind)
          </span>
        ) : (
          <TraceStatusBadge status={status} />
        )}
      </span>
      <span className="text-slate-500">
        {stepCount} steps{generator ? ` · ${generator}` : ""}
        {correct === null ? "" : correct ? " · answer correct" : " · answer wrong"}
      </span>
      <span className="flex gap-1">
        {prevHref ? (
          <Link href={prevHref} className={buttonClass("secondary", "xs")}>
            ← Prev <Kbd>p</Kbd>
          </Link>
        ) : (
          <span className={buttonClass("secondary", "xs", "opacity-40")}>← Prev</span>
        )}
        {nextHref ? (
          <Link href={nextHref} className={buttonClass("secondary", "xs")}>
            Next <Kbd>n</Kbd> →
          </Link>
        ) : (
          <span className={buttonClass("secondary", "xs", "opacity-40")}>Next →</span>
        )}
      </span>
      {adjudicateHref && (
        <Link href={adjudicateHref} className={buttonClass("secondary", "xs")}>
          Adjudicate
        </Link>
      )}
    </div>
  );
}
