import { csvCell } from "@/lib/core/csv";
import { verdictCountsText } from "@/lib/core/verdict-words";
import { listOutcomes, type OutcomeFilter, type OutcomeRow } from "@/lib/data/job-outcomes";
import { blindOutcomes } from "@/lib/data/blind-labels";
import type { Viewer } from "@/lib/core/queues/blind";

// The outcomes CSV of one job: every item (under the page's filter), in key order, written
// page by page so a 100,000-item job streams instead of sitting in memory. Cells go through the
// app's CSV writer (lib/core/csv.ts), which neutralises spreadsheet formulas: reasons and errors
// quote model output. Verdicts are words here too; the outcome column is what the page shows.

export const OUTCOME_COLUMNS = [
  "key",
  "status",
  "outcome",
  "trace_id",
  "intervention_id",
  "proposal_id",
  "problem_id",
  "condition",
  "location",
  "samples",
  "correct",
  "verdicts",
  "reason",
  "error",
  "attempts",
] as const;

function line(r: OutcomeRow): string {
  const v: Record<(typeof OUTCOME_COLUMNS)[number], string | number | null> = {
    key: r.key,
    status: r.status,
    outcome: r.outcome,
    trace_id: r.traceId,
    intervention_id: r.interventionId,
    proposal_id: r.proposalId,
    problem_id: r.problemId,
    condition: r.condition,
    location: r.location,
    samples: r.samples,
    correct: r.correct,
    verdicts: verdictCountsText(r.verdicts) || null,
    reason: r.reason,
    error: r.error,
    attempts: r.attempts,
  };
  return OUTCOME_COLUMNS.map((c) => csvCell(v[c])).join(",");
}

/** `viewer`: a propose item's parsed step is left out on traces a blind queue withholds from them (blind-labels.ts). */
export function outcomesCsvStream(
  jobId: string,
  filter: OutcomeFilter,
  viewer: Viewer | null,
): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let after: string | null = null;
  let started = false;
  return new ReadableStream({
    async pull(ctl) {
      if (!started) {
        started = true;
        ctl.enqueue(enc.encode(OUTCOME_COLUMNS.join(",") + "\n"));
      }
      const read = await listOutcomes(jobId, { filter, after, take: 1000 });
      if (!read) return ctl.close();
      const page = await blindOutcomes(viewer, read);
      if (page.rows.length) ctl.enqueue(enc.encode(page.rows.map(line).join("\n") + "\n"));
      after = page.next;
      if (!after) ctl.close();
    },
  });
}
