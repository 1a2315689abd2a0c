"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { createQueueAction } from "@/lib/actions/queues";
import { splitNames, type QueueTask } from "@/lib/core/queues/config";
import type { TraceFilter } from "@/lib/core/filters";

const field = "mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-sm";

/** Curators: a new queue over the list's current filters. */
export function CreateQueueForm({
  datasetId,
  filter,
  filterWords,
  matching,
}: {
  datasetId: string;
  filter: TraceFilter;
  filterWords: string;
  matching: number;
}) {
  const router = useRouter();
  const [task, setTask] = useState<QueueTask>("label");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const submit = (fd: FormData) =>
    start(async () => {
      setError(null);
      const r = await createQueueAction({
        datasetId,
        filter,
        task,
        name: String(fd.get("name") ?? ""),
        overlap: Number(fd.get("overlap")),
        assignees: splitNames(String(fd.get("assignees") ?? "")),
        reserveMinutes: Number(fd.get("reserveMinutes")),
        blind: fd.get("blind") === "on",
        order: fd.get("order") === "triage" ? "triage" : "filter",
        vsModel: fd.get("vsModel") === "on",
        vsImported: fd.get("vsImported") === "on",
      });
      if (r.ok) router.push(`/queues/${r.data.id}`);
      else setError(r.error);
    });
  return (
    <form
      action={submit}
      aria-label="New queue"
      className="grid max-w-2xl grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
    >
      <h2 className="col-span-2 font-semibold">New queue</h2>
      <p className="col-span-2 text-xs text-slate-600">
        Items: the {matching.toLocaleString("en")} traces of the list&apos;s current filters ({filterWords}), fixed when
        the queue is created; &quot;Refresh&quot; adds new matches later.
      </p>
      <label className="col-span-2">
        Name
        <input name="name" required maxLength={120} className={field} />
      </label>
      <label>
        Task
        <select name="task" value={task} onChange={(e) => setTask(e.target.value as QueueTask)} className={field}>
          <option value="label">label first errors</option>
          <option value="review">review interventions</option>
          <option value="adjudicate">adjudicate disagreements</option>
        </select>
      </label>
      <label>
        Overlap (people per item)
        <input
          name="overlap"
          type="number"
          min={1}
          max={20}
          defaultValue={task === "label" ? 2 : 1}
          key={task}
          className={field}
        />
      </label>
      <label>
        Assigned to (names, comma-separated; empty = anyone)
        <input name="assignees" className={field} placeholder="anyone" />
      </label>
      <label>
        Reservation (minutes)
        <input name="reserveMinutes" type="number" min={1} max={1440} defaultValue={30} className={field} />
      </label>
      <label>
        Order
        <select name="order" defaultValue="filter" className={field}>
          <option value="filter">the list&apos;s order</option>
          <option value="triage">triage: most valuable first</option>
        </select>
      </label>
      <label className="flex items-center gap-2 self-end">
        <input name="blind" type="checkbox" defaultChecked /> Blind: hide other labels until I submit
      </label>
      {task === "adjudicate" && (
        <fieldset className="col-span-2 flex gap-4">
          <legend className="text-xs text-slate-600">Also a disagreement: a person&apos;s label differs from</legend>
          <label className="flex items-center gap-2">
            <input name="vsModel" type="checkbox" /> the model&apos;s label
          </label>
          <label className="flex items-center gap-2">
            <input name="vsImported" type="checkbox" /> the imported label
          </label>
        </fieldset>
      )}
      <div className="col-span-2 flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Creating…" : "Create queue"}
        </Button>
        {error && (
          <span role="alert" className="text-rose-700">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
