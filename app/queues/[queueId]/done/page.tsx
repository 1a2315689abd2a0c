import Link from "next/link";
import { notFound } from "next/navigation";
import { maySee } from "@/lib/core/queues/access";
import { formatSeconds } from "@/lib/core/queues/progress";
import { currentActor } from "@/lib/auth/actor";
import { getQueue } from "@/lib/data/queues";
import { myQueueCounts, queueProgress, waitingForMe } from "@/lib/data/queue-progress";
import { StartButton } from "@/components/queues/start-button";

export const dynamic = "force-dynamic";

/** The end of a queue for me: nothing left that I may take now, with my counts. */
export default async function QueueDonePage({ params }: { params: Promise<{ queueId: string }> }) {
  const [{ queueId }, actor] = await Promise.all([params, currentActor()]);
  const q = await getQueue(queueId);
  if (!q || !actor || !maySee(q, actor)) notFound();
  const [mine, p, waiting] = await Promise.all([
    myQueueCounts(q.id, actor.name),
    queueProgress(q.id, q.overlap),
    waitingForMe(q.id, actor.name),
  ]);
  if (waiting > 0) {
    return (
      <div className="mx-auto max-w-2xl space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-5">
        <h1 className="text-lg font-semibold text-amber-900">Nothing free for you right now in “{q.name}”</h1>
        <p className="text-sm">
          {waiting} {waiting === 1 ? "item still needs" : "items still need"} you (overlap {q.overlap}): someone else
          holds {waiting === 1 ? "it" : "them"} right now, or {waiting === 1 ? "it was" : "one was"} just freed.
        </p>
        <p data-testid="my-counts" className="text-sm">
          So far you completed <b>{mine.done}</b>, skipped <b>{mine.skipped}</b>.
        </p>
        <StartButton queueId={q.id} label="Check again" />
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-5">
      <h1 className="text-lg font-semibold text-emerald-900">Done: nothing left for you in “{q.name}”</h1>
      <p data-testid="my-counts" className="text-sm">
        You completed <b>{mine.done}</b> {mine.done === 1 ? "item" : "items"}, skipped <b>{mine.skipped}</b>; median{" "}
        {formatSeconds(mine.medianSeconds)} per item.
      </p>
      <p className="text-sm text-slate-700">
        The queue: {p.itemsDone} of {p.items} items done, {p.remaining} completions remaining.
      </p>
      <p className="flex gap-4 text-sm">
        <Link className="text-indigo-700 hover:underline" href={`/queues/${q.id}`}>
          Queue progress
        </Link>
        <Link className="text-indigo-700 hover:underline" href={`/datasets/${q.datasetId}/queues`}>
          All queues
        </Link>
      </p>
    </div>
  );
}
