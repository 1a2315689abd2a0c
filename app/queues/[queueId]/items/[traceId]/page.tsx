import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { mayWork } from "@/lib/core/queues/access";
import { splitSteps } from "@/lib/core/steps";
import { currentActor } from "@/lib/auth/actor";
import { getQueue } from "@/lib/data/queues";
import { heldBy } from "@/lib/data/queue-work";
import { getTraceForReview } from "@/lib/data/traces";
import { withheldLabels } from "@/lib/data/blind-labels";
import { blindNotice } from "@/lib/core/queues/blind";
import { DualText } from "@/components/review/dual-text";
import { ReferencePanel } from "@/components/review/reference-panel";
import { LabelItem } from "@/components/queues/label-item";
import { ReviewItem } from "@/components/queues/review-item";
import { AdjudicateItem } from "@/components/queues/adjudicate-item";
import { TraceComments } from "@/components/comments/trace-comments";
import { StartButton } from "@/components/queues/start-button";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ queueId: string; traceId: string }> };

const stepWord = (s: number | null) => (s === null ? "no error" : `step ${s}`);

export default async function QueueItemPage({ params }: Props) {
  const [{ queueId, traceId }, actor] = await Promise.all([params, currentActor()]);
  const q = await getQueue(queueId);
  if (!q || !actor || !mayWork(q, actor)) notFound();
  const held = await heldBy(q.id, actor.name);
  if (!held || held.traceId !== traceId) {
    return (
      <div className="mx-auto max-w-3xl space-y-3 text-sm">
        <h1 className="text-lg font-semibold">{q.name}</h1>
        <p role="alert">This item is not reserved for you (the reservation ended, or it was completed or skipped).</p>
        <StartButton queueId={q.id} label="Take my next item" />
      </div>
    );
  }
  const trace = await getTraceForReview(traceId);
  if (!trace || trace.datasetId !== q.datasetId) notFound();
  const mine = trace.labels.find((l) => l.source === "human" && l.annotator === actor.name) ?? null;
  // Blind: other people's, the model's and the imported labels never leave the server, in this queue when it is
  // blind, and in any queue while another blind label queue still needs my label here (lib/core/queues/blind.ts).
  const withheld = (await withheldLabels(actor, q.datasetId, [traceId])).get(traceId) ?? [];
  const others =
    q.task === "label" && !q.blind && withheld.length === 0
      ? trace.labels.filter((l) => l !== mine && l.source !== "final")
      : [];
  // a review item shows only my own interventions then (their step is a label); "s" leaves the item to others
  const interventions =
    withheld.length > 0
      ? trace.interventions.filter((i) => i.origin === "human" && i.author === actor.name)
      : trace.interventions;
  const expires = new Date(held.expiresAt);

  return (
    <div className="mx-auto max-w-[100rem] space-y-3">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <Link href={`/queues/${q.id}`} className="text-xs text-indigo-700 hover:underline">
            ← {q.name}
          </Link>
          <h1 className="text-base font-semibold">
            {q.task === "label"
              ? "Mark the first critical error"
              : q.task === "review"
                ? "Review the interventions"
                : "Adjudicate"}{" "}
            · {splitSteps(trace.text).length} steps
          </h1>
        </div>
        <p className="text-xs text-slate-600" data-testid="reservation">
          Reserved for you until {expires.toISOString().slice(11, 16)} UTC
          {q.task === "label" && q.blind ? " · blind: other labels are hidden until you submit" : ""}
        </p>
      </header>
      <section
        aria-label="Problem"
        className="rounded-lg border border-slate-200 bg-white p-3 text-[15px] leading-relaxed"
      >
        <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Problem</h2>
        <DualText text={trace.problem.statement} />
      </section>
      <div className="grid gap-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0">
          {q.task === "label" && (
            <LabelItem
              queueId={q.id}
              traceId={trace.id}
              text={trace.text}
              stepCount={trace.stepCount}
              renderId={randomUUID()}
              mine={
                mine && {
                  step: mine.step,
                  checkFactual: mine.checkFactual,
                  checkNotRecovered: mine.checkNotRecovered,
                  note: mine.note,
                  unsure: mine.unsure,
                }
              }
              others={
                others.length > 0 && (
                  <div aria-label="Other labels" className="border-t border-slate-100 pt-2 text-xs text-slate-600">
                    Other labels:{" "}
                    {others
                      .map((l) => `${l.source === "human" ? l.annotator : l.source}: ${stepWord(l.step)}`)
                      .join(" · ")}
                  </div>
                )
              }
            />
          )}
          {q.task === "review" && (
            <ReviewItem
              queueId={q.id}
              datasetId={q.datasetId}
              traceId={trace.id}
              // in step order: the reviewer reads the trace top down
              interventions={[...interventions]
                .sort((a, b) => a.location - b.location)
                .map((i) => ({
                  id: i.id,
                  location: i.location,
                  status: i.status,
                  origin: i.origin,
                  author: i.author,
                  content: i.content,
                  version: i.version,
                }))}
              bodies={Object.fromEntries(interventions.map((i) => [i.id, <DualText key={i.id} text={i.content} />]))}
              text={trace.text}
              renderId={randomUUID()}
            />
          )}
          {q.task === "adjudicate" && <AdjudicateItem queueId={q.id} traceId={trace.id} />}
          {/* Comments can name other people's labels, so a blind label queue leaves them out (issue 13 §3). */}
          {withheld.length > 0 && q.task !== "label" && (
            <p role="note" className="mt-3 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
              {blindNotice(withheld)}.
            </p>
          )}
          {!(q.task === "label" && q.blind) && withheld.length === 0 && (
            <div className="mt-3">
              <TraceComments traceId={trace.id} />
            </div>
          )}
        </div>
        <aside
          aria-label="Reference"
          className="max-h-[80vh] overflow-auto rounded-lg border border-slate-200 bg-white"
        >
          <ReferencePanel
            solution={trace.problem.referenceSolution}
            answer={trace.problem.answer}
            source={trace.problem.source}
          />
        </aside>
      </div>
    </div>
  );
}
