import { formatSeconds } from "@/lib/core/queues/progress";
import type { QueueProgress } from "@/lib/data/queue-progress";

/** Progress of a queue: overall, then one row per person. */
export function ProgressTable({ p, overlap }: { p: QueueProgress; overlap: number }) {
  return (
    <div className="space-y-2">
      <p className="text-sm" data-testid="queue-progress">
        <b>{p.itemsDone}</b> of {p.items} items done ({overlap === 1 ? "one person each" : `${overlap} people each`}) ·{" "}
        <b>{p.inProgress}</b> in progress · <b>{p.remaining}</b> completions remaining · median{" "}
        {formatSeconds(p.medianSeconds)} per item
      </p>
      <table className="w-full max-w-xl text-sm">
        <caption className="text-left text-xs text-slate-500">Per person</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="font-medium">Person</th>
            <th className="font-medium">Done</th>
            <th className="font-medium">In progress</th>
            <th className="font-medium">Median per item</th>
          </tr>
        </thead>
        <tbody>
          {p.people.length === 0 && (
            <tr>
              <td colSpan={4} className="text-slate-500">
                Nobody has started yet.
              </td>
            </tr>
          )}
          {p.people.map((x) => (
            <tr key={x.annotator} className="border-t border-slate-100">
              <td>{x.annotator}</td>
              <td>{x.done}</td>
              <td>{x.inProgress}</td>
              <td>{formatSeconds(x.medianSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
