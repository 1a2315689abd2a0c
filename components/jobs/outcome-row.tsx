import Link from "next/link";
import type { OutcomeRow as Row } from "@/lib/data/job-outcomes";
import { heldBackWhy } from "@/lib/core/propose/outcome";
import { verdictCountsText } from "@/lib/core/verdict-words";
import { OutcomeBadge } from "./outcome-badge";

const link = "text-indigo-700 hover:underline";

/** What a person needs to know about one item beyond its outcome: why it failed, was held back or skipped. */
function detail(r: Row): string {
  if (r.outcome === "failed") return r.error ?? "failed";
  if (r.outcome === "held back" && r.reason) return heldBackWhy(r.reason);
  if (r.outcome === "running" || r.outcome === "pending")
    return r.attempts > 1 && r.error ? `retrying: ${r.error}` : "";
  return r.reason ?? "";
}

/** One item of the outcome table (text only: reasons and errors can quote model output). */
export function OutcomeRow({ r, datasetId, graded }: { r: Row; datasetId: string | null; graded: boolean }) {
  const ds = r.traceDatasetId ?? datasetId;
  const verdicts =
    verdictCountsText(r.verdicts) || (r.samples !== null ? `${r.correct ?? 0} of ${r.samples} correct` : "");
  return (
    <tr data-testid="outcome-row" data-outcome={r.outcome}>
      <td className="max-w-48 truncate px-3 py-1.5 font-mono text-xs text-slate-500" title={r.key}>
        {r.key}
      </td>
      <td className="px-3 py-1.5">
        <OutcomeBadge outcome={r.outcome} />
      </td>
      <td className="px-3 py-1.5 text-xs whitespace-nowrap">
        {r.traceId && ds ? (
          <Link className={link} href={`/datasets/${ds}/traces/${r.traceId}`} aria-label={`trace ${r.traceId}`}>
            trace
          </Link>
        ) : null}
        {r.interventionId ? (
          <>
            {r.traceId ? " · " : null}
            <Link
              className={link}
              href={`/interventions/${r.interventionId}`}
              aria-label={`intervention ${r.interventionId}`}
            >
              intervention
            </Link>
          </>
        ) : null}
        {!r.traceId && !r.interventionId && r.problemId && datasetId ? (
          <Link
            className={link}
            href={`/datasets/${datasetId}/compare/${r.problemId}`}
            aria-label={`problem ${r.problemId}`}
          >
            problem
          </Link>
        ) : null}
      </td>
      <td className="px-3 py-1.5 text-xs whitespace-nowrap text-slate-700">
        {r.location !== null ? `step ${r.location}` : ""}
        {r.condition ? `${r.location !== null ? " · " : ""}${r.condition}` : ""}
      </td>
      {graded && <td className="px-3 py-1.5 text-xs text-slate-700">{verdicts}</td>}
      <td className="max-w-md px-3 py-1.5 text-xs break-words whitespace-pre-wrap text-slate-600">{detail(r)}</td>
    </tr>
  );
}
