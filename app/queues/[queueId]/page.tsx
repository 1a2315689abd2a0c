import Link from "next/link";
import { notFound } from "next/navigation";
import { traceFilterToSearch } from "@/lib/core/filters";
import { maySee, mayWork, workRole } from "@/lib/core/queues/access";
import { TRIAGE_RULE } from "@/lib/core/queues/triage";
import { currentActor } from "@/lib/auth/actor";
import { getQueue } from "@/lib/data/queues";
import { queueProgress } from "@/lib/data/queue-progress";
import { ProgressTable } from "@/components/queues/progress-table";
import { StartButton } from "@/components/queues/start-button";
import { RefreshButton } from "@/components/queues/refresh-button";
import { roleAtLeast } from "@/lib/core/roles";

export const dynamic = "force-dynamic";

export default async function QueuePage({ params }: { params: Promise<{ queueId: string }> }) {
  const [{ queueId }, actor] = await Promise.all([params, currentActor()]);
  const q = await getQueue(queueId);
  if (!q || !actor || !maySee(q, actor)) notFound();
  const p = await queueProgress(q.id, q.overlap);
  const search = traceFilterToSearch(q.filter);
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div>
        <Link href={`/datasets/${q.datasetId}/queues`} className="text-xs text-indigo-700 hover:underline">
          ← queues
        </Link>
        <h1 className="text-lg font-semibold">{q.name}</h1>
        <p className="text-sm text-slate-600">
          Task: {q.task} · overlap {q.overlap} ·{" "}
          {q.assignees.length ? `assigned to ${q.assignees.join(", ")}` : "anyone may work it"} · reservations hold{" "}
          {q.reserveMinutes} min
          {q.task === "label" && (q.blind ? " · blind: other labels stay hidden until you submit" : " · not blind")}
          {q.task === "adjudicate" &&
            ` · disagreement: between people${q.vsModel ? ", or with the model" : ""}${q.vsImported ? ", or with the imported label" : ""}`}
        </p>
        <p className="text-xs text-slate-500">
          Filter:{" "}
          {search ? (
            <Link className="text-indigo-700 hover:underline" href={`/datasets/${q.datasetId}${search}`}>
              {decodeURIComponent(search.slice(1))}
            </Link>
          ) : (
            "none"
          )}{" "}
          · created by {q.createdBy}
        </p>
        <p className="text-xs text-slate-700" data-testid="order-rule">
          Order: {q.order === "triage" ? TRIAGE_RULE : "the trace list's order under the filter."}
        </p>
      </div>
      <div className="flex items-center gap-3">
        {mayWork(q, actor) ? (
          <StartButton queueId={q.id} />
        ) : (
          <p className="text-xs text-slate-600">Working this queue needs the {workRole(q.task)} role.</p>
        )}
        {roleAtLeast(actor.role, "curator") && <RefreshButton queueId={q.id} />}
      </div>
      <ProgressTable p={p} overlap={q.overlap} />
    </div>
  );
}
