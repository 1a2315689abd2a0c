import Link from "next/link";
import type { TraceRow } from "@/lib/data/trace-list";
import { InterventionStatusBadge, TraceStatusBadge } from "./status-badge";

const IV_ORDER = ["proposed", "accepted", "edited", "rejected"];

/** One page of traces. `href(id)` builds the review link (keeps the list's filters). */
export function TraceTable({ rows, hrefFor }: { rows: TraceRow[]; hrefFor: (id: string) => string }) {
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-500">
          <th className="w-14 py-1.5 pr-2 text-right">#</th>
          <th className="py-1.5 pr-3">Problem</th>
          <th className="w-44 py-1.5 pr-3">Generator</th>
          <th className="w-14 py-1.5 pr-3 text-right">Steps</th>
          <th className="w-24 py-1.5 pr-3 text-right">First error</th>
          <th className="w-44 py-1.5 pr-3">Interventions</th>
          <th className="w-20 py-1.5">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-slate-100 hover:bg-indigo-50/40" data-trace-id={r.id}>
            <td className="py-1 pr-2 text-right text-slate-500 tabular-nums">
              <Link href={hrefFor(r.id)} className="hover:underline" title={r.externalId ? `id ${r.externalId}` : undefined}>{r.position}</Link>
            </td>
            <td className="truncate py-1 pr-3">
              <Link href={hrefFor(r.id)} className="text-slate-800 hover:text-indigo-700 hover:underline" title={r.snippet}>{r.snippet || "(empty problem)"}</Link>
            </td>
            <td className="truncate py-1 pr-3 text-xs text-slate-600" title={r.generator}>{r.generator || "—"}</td>
            <td className="py-1 pr-3 text-right tabular-nums">{r.stepCount}</td>
            <td className="py-1 pr-3 text-right tabular-nums">
              {r.humanStep !== null ? `step ${r.humanStep}` : r.labelled ? <span className="text-emerald-700">no error</span> : <span className="text-slate-400">—</span>}
            </td>
            <td className="py-1 pr-3">
              <div className="flex flex-wrap gap-1">
                {IV_ORDER.filter((s) => r.interventions[s]).map((s) => <InterventionStatusBadge key={s} status={s} count={r.interventions[s]} />)}
              </div>
            </td>
            <td className="py-1"><TraceStatusBadge status={r.status} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
