import Link from "next/link";
import type { DatasetSummary } from "@/lib/data/datasets";
import { CurationBar } from "./curation-bar";
import { InterventionStatusBadge } from "@/components/traces/status-badge";

const IV_ORDER = ["proposed", "accepted", "edited", "rejected"] as const;
const n = (x: number) => x.toLocaleString("en");

export function DatasetTable({ datasets }: { datasets: DatasetSummary[] }) {
  return (
    <table className="w-full border-collapse text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-500">
          <th className="py-1.5 pr-3">Dataset</th>
          <th className="py-1.5 pr-3 text-right">Problems</th>
          <th className="py-1.5 pr-3 text-right">Traces</th>
          <th className="w-72 py-1.5 pr-3">Curation</th>
          <th className="py-1.5">Interventions</th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d) => (
          <tr key={d.id} className="border-b border-slate-100 align-top hover:bg-white">
            <td className="py-2 pr-3">
              <Link href={`/datasets/${d.id}`} className="font-medium text-indigo-700 hover:underline">
                {d.name}
              </Link>
              {d.description && <div className="text-xs text-slate-500">{d.description}</div>}
            </td>
            <td className="py-2 pr-3 text-right tabular-nums">{n(d.problems)}</td>
            <td className="py-2 pr-3 text-right tabular-nums">{n(d.traces)}</td>
            <td className="py-2 pr-3">
              <CurationBar counts={d.status} total={d.traces} />
            </td>
            <td className="py-2">
              <div className="flex flex-wrap gap-1">
                {IV_ORDER.filter((s) => d.interventions[s] > 0).map((s) => (
                  <InterventionStatusBadge key={s} status={s} count={d.interventions[s]} />
                ))}
                {IV_ORDER.every((s) => d.interventions[s] === 0) && (
                  <span className="text-xs text-slate-400">none</span>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
