import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { parseTraceFilter, traceFilterToSearch } from "@/lib/core/filters";
import { splitSteps } from "@/lib/core/steps";
import { getNeighbourIds, getTraceForReview } from "@/lib/data/traces";
import { filteredTraceIds } from "@/lib/data/trace-list";
import { currentActor } from "@/lib/auth/actor";
import { getCommentThread, threadFor } from "@/lib/data/comment-thread";
import { roleAtLeast } from "@/lib/core/roles";
import { modelStatus } from "@/lib/model/settings";
import { withheldLabels } from "@/lib/data/blind-labels";
import { blindNotice } from "@/lib/core/queues/blind";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { ReferencePanel } from "@/components/review/reference-panel";
import { ReviewHeader } from "@/components/review/review-header";
import { DualText } from "@/components/review/dual-text";
import type { ReviewData } from "@/components/review/types";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ datasetId: string; traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ReviewPage({ params, searchParams }: Props) {
  const [{ datasetId, traceId }, sp] = await Promise.all([params, searchParams]);
  const filter = parseTraceFilter(sp);
  const whoP = currentActor();
  const [trace, nb, ahead, who, model, thread, withheld] = await Promise.all([
    getTraceForReview(traceId),
    getNeighbourIds(datasetId, traceId, filter),
    // the next two traces: the browser fetches both pages ahead (see afterNextHref)
    filteredTraceIds(datasetId, filter, { after: traceId, take: 2 }),
    whoP,
    modelStatus(),
    getCommentThread(traceId),
    whoP.then((w) => withheldLabels(w, datasetId, [traceId])),
  ]);
  const actor = who?.name ?? "";
  if (!trace || trace.datasetId !== datasetId) notFound();

  const search = traceFilterToSearch(filter);
  const base = `/datasets/${datasetId}`;
  const href = (id: string | null) => (id ? `${base}/traces/${id}${search}` : null);
  const steps = splitSteps(trace.text);
  const mine = trace.labels.find((l) => l.source === "human" && l.annotator === actor) ?? null;
  // Blind (lib/core/queues/blind.ts): while a blind label queue still needs this reader's label, nothing that is or
  // gives away someone else's label is sent: other labels, the trace's human step, other people's and the model's
  // interventions, proposals (the model panel) and comments. The browser gets only a notice.
  const blindQueues = withheld.get(traceId) ?? [];
  const blind = blindQueues.length > 0;
  const interventions = blind
    ? trace.interventions.filter((i) => i.origin === "human" && i.author === actor)
    : trace.interventions;

  const data: ReviewData = {
    datasetId,
    traceId,
    text: trace.text,
    stepCount: steps.length,
    actor,
    myLabel: mine && {
      step: mine.step,
      checkFactual: mine.checkFactual,
      checkNotRecovered: mine.checkNotRecovered,
      note: mine.note,
      badProblem: mine.badProblem,
      badReference: mine.badReference,
      unsure: mine.unsure,
      version: mine.version,
    },
    humanStep: blind ? (mine?.step ?? null) : trace.humanStep,
    otherLabels: blind
      ? []
      : trace.labels.filter((l) => l !== mine).map((l) => ({ source: l.source, annotator: l.annotator, step: l.step })),
    blind: blind ? { notice: blindNotice(blindQueues), queues: blindQueues } : null,
    interventions: interventions.map((i) => ({
      id: i.id,
      location: i.location,
      content: i.content,
      status: i.status,
      origin: i.origin,
      author: i.author,
      originalContent: i.originalContent,
      version: i.version,
      updatedAt: i.updatedAt.toISOString(),
    })),
    prevHref: href(nb.prevId),
    nextHref: href(nb.nextId),
    afterNextHref: ahead[0] === nb.nextId ? href(ahead[1] ?? null) : null,
    listHref: `${base}${search}`,
    model,
    // the thread as this reader sees it; null when nobody is signed in (the route answers 401 then)
    comments: thread && who && !blind ? threadFor(thread, who) : null,
  };

  return (
    <ReviewWorkspace
      key={trace.id}
      data={data}
      renderId={randomUUID()}
      header={
        <ReviewHeader
          traceId={trace.id}
          datasetName={trace.dataset.name}
          listHref={data.listHref}
          externalId={trace.externalId}
          generator={trace.generator}
          correct={trace.correct}
          status={blind ? null : trace.status}
          stepCount={steps.length}
          prevHref={data.prevHref}
          nextHref={data.nextHref}
          adjudicateHref={
            who && roleAtLeast(who.role, "curator") && !blind ? `${base}/traces/${trace.id}/adjudicate${search}` : null
          }
        />
      }
      problem={
        <section
          aria-label="Problem"
          className="rounded-lg border border-slate-200 bg-white p-3 text-[15px] leading-relaxed"
        >
          <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Problem</h2>
          <DualText text={trace.problem.statement} />
        </section>
      }
      reference={
        <ReferencePanel
          solution={trace.problem.referenceSolution}
          answer={trace.problem.answer}
          source={trace.problem.source}
        />
      }
      ivBodies={Object.fromEntries(interventions.map((i) => [i.id, <DualText key={i.id} text={i.content} />]))}
    />
  );
}
