"use client";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { proposeInterventions } from "@/lib/actions/propose";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { JobProgress } from "@/components/jobs/job-progress";
import { useReview } from "@/components/review/review-context";
import { useReviewKeys } from "@/components/review/use-review-keys";
import { AgreementLine } from "./agreement-line";
import { latestRun, summarizeOutcomes } from "@/lib/core/propose/outcome-summary";
import { proposalKeys, useTraceProposals } from "./use-proposals";

/**
 * "Find first error" (key f) on the current trace: starts a propose job, shows its progress and
 * refreshes the page as the model's interventions arrive (they then sit in the intervention
 * list, to accept / edit / reject like hand-written ones).
 */
export function ModelPanel() {
  const { data } = useReview();
  const router = useRouter();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [settledId, setSettledId] = useState<string | null>(null);
  const q = useTraceProposals(data.traceId, jobId !== null && settledId !== jobId);
  const shownJob = jobId ?? q.data?.activeJobId ?? null;
  const ready = data.model.configured;
  const busy = shownJob !== null && settledId !== shownJob; // one job per trace at a time

  const [noReference, setNoReference] = useState(false); // refused: the problem has no reference solution
  // f on this trace is the person's explicit choice, so a correct final answer is included;
  // a problem without a reference is refused unless they confirm (issue 12 §1)
  const find = (includeNoReference = false) => {
    if (!ready || pending || busy) return;
    start(async () => {
      try {
        const r = await proposeInterventions({
          datasetId: data.datasetId,
          traceIds: [data.traceId],
          includeCorrect: true,
          includeNoReference,
        });
        setNoReference(!r.ok && r.error.startsWith("This problem has no reference solution"));
        if (r.ok) {
          setError(null);
          setJobId(r.data.jobId);
        } else setError(r.error.replace(/ \(tick .*\)\.$/, "."));
      } catch {
        setError("The server did not answer; no job was started. Try again.");
      }
    });
  };
  useReviewKeys({ f: () => find() });

  // A model intervention the server-rendered list does not show yet: re-render the page once.
  const known = new Set(data.interventions.map((i) => i.id));
  const missing = (q.data?.proposals ?? [])
    .map((p) => p.interventionId)
    .filter((id): id is string => !!id && !known.has(id))
    .sort()
    .join(",");
  const refreshed = useRef("");
  useEffect(() => {
    if (missing && refreshed.current !== missing) {
      refreshed.current = missing;
      router.refresh();
    }
  }, [missing, router]);

  // what the newest run returned, in words ("4 proposals: 2 parsed, 2 held back: contain the answer")
  const outcome = useMemo(() => {
    const run = latestRun(q.data?.proposals ?? []);
    return run.length ? summarizeOutcomes(run).line : null;
  }, [q.data]);

  const settled = (job: { id: string }) => {
    setSettledId(job.id);
    void qc.invalidateQueries({ queryKey: proposalKeys.trace(data.traceId) });
    router.refresh();
  };

  return (
    <section aria-label="Model" className="space-y-2 rounded-lg border border-violet-200 bg-white p-3 text-sm">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold">Model</h2>
        <Button
          size="xs"
          variant="primary"
          disabled={!ready || pending || busy}
          onClick={() => find()}
          title={
            !ready
              ? data.model.reason
              : busy
                ? "The model is working on this trace"
                : "Ask the model for the first critical error (f)"
          }
        >
          Find first error <Kbd>f</Kbd>
        </Button>
      </div>
      {/* the notice's one line, without role=status: the toolbar's status line stays the only one */}
      {!data.model.configured && (
        <p data-testid="model-status" className="text-xs text-amber-800">
          {data.model.reason}
        </p>
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-rose-700">
          {error}
        </p>
      )}
      {noReference && (
        <Button size="xs" disabled={!ready || pending || busy} onClick={() => find(true)}>
          Send without a reference
        </Button>
      )}
      {shownJob && <JobProgress key={shownJob} jobId={shownJob} outcomes={false} onSettled={settled} />}
      <AgreementLine data={data} modelLabels={q.data?.modelLabels ?? []} />
      {outcome && (
        <p data-testid="proposal-outcomes" className="text-xs font-medium text-slate-700">
          {outcome}
          {busy ? " (so far)" : ""}
        </p>
      )}
      {q.error && <p className="text-xs text-rose-700">{q.error.message}</p>}
    </section>
  );
}
