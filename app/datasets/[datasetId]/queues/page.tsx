import Link from "next/link";
import { notFound } from "next/navigation";
import { parseTraceFilter, traceFilterToSearch } from "@/lib/core/filters";
import { maySee, mayWork, workRole } from "@/lib/core/queues/access";
import { roleAtLeast } from "@/lib/core/roles";
import { currentActor } from "@/lib/auth/actor";
import { getDataset } from "@/lib/data/datasets";
import { listTraces } from "@/lib/data/trace-list";
import { listQueues } from "@/lib/data/queues";
import { queueProgress } from "@/lib/data/queue-progress";
import { CreateQueueForm } from "@/components/queues/create-queue-form";
import { StartButton } from "@/components/queues/start-button";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ datasetId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const TASK_WORDS = { label: "label first errors", review: "review interventions", adjudicate: "adjudicate" } as const;

export default async function QueuesPage({ params, searchParams }: Props) {
  const [{ datasetId }, sp, actor] = await Promise.all([params, searchParams, currentActor()]);
  const dataset = await getDataset(datasetId);
  if (!dataset || !actor) notFound();
  const filter = parseTraceFilter(sp);
  const search = traceFilterToSearch(filter);
  const queues = (await listQueues(datasetId)).filter((q) => maySee(q, actor));
  const progress = await Promise.all(queues.map((q) => queueProgress(q.id, q.overlap)));
  const curator = roleAtLeast(actor.role, "curator");
  const matching = curator ? (await listTraces(datasetId, filter, {})).total : 0;
  const filterWords = search ? decodeURIComponent(search.slice(1)).replaceAll("&", ", ") : "no filter: every trace";

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div>
        <Link href={`/datasets/${datasetId}${search}`} className="text-xs text-indigo-700 hover:underline">
          ← {dataset.name}
        </Link>
        <h1 className="text-lg font-semibold">Work queues</h1>
      </div>
      {queues.length === 0 ? (
        <p className="text-sm text-slate-600">
          No queues {curator ? "yet: create one below from the list's filters." : "for you on this dataset."}
        </p>
      ) : (
        <ul aria-label="Queues" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {queues.map((q, i) => (
            <li key={q.id} className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm">
              <div>
                <Link href={`/queues/${q.id}`} className="font-medium text-indigo-700 hover:underline">
                  {q.name}
                </Link>
                <p className="text-xs text-slate-600">
                  {TASK_WORDS[q.task]} · overlap {q.overlap} ·{" "}
                  {q.assignees.length ? `assigned to ${q.assignees.join(", ")}` : "anyone"} · {q.reserveMinutes} min
                  reservations
                  {q.task === "label" && (q.blind ? " · blind" : " · not blind")}
                  {q.order === "triage" && " · triage order"}
                </p>
                <p className="text-xs text-slate-600">
                  {progress[i].itemsDone} of {progress[i].items} items done · {progress[i].inProgress} in progress ·{" "}
                  {progress[i].remaining} completions remaining
                </p>
              </div>
              {mayWork(q, actor) ? (
                <StartButton queueId={q.id} />
              ) : (
                <span className="text-xs text-slate-500">needs the {workRole(q.task)} role</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {curator && (
        <CreateQueueForm datasetId={datasetId} filter={filter} filterWords={filterWords} matching={matching} />
      )}
    </div>
  );
}
