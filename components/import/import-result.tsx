import Link from "next/link";
import type { ImportError, ImportSummary } from "@/lib/import/types";
import { buttonClass } from "@/components/ui/button";
import { importSummaryNotes } from "@/lib/core/import-summary";

const KEYS = ["problems", "traces", "labels", "interventions"] as const;

export function ImportSuccess({
  summary,
  href,
  dataset,
}: {
  summary: Omit<ImportSummary, "ok">;
  href: string;
  dataset: string;
}) {
  const notes = importSummaryNotes(summary);
  return (
    <div
      role="status"
      aria-label="Import summary"
      className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm"
    >
      <p className="font-medium text-emerald-800">
        {summary.alreadyImported
          ? `This file was already imported into “${dataset}”: nothing new was written.`
          : `Imported into “${dataset}”.`}
      </p>
      <dl className="grid grid-cols-4 gap-2">
        {KEYS.map((k) => (
          <div key={k} className="rounded-md bg-white px-3 py-2">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`summary-${k}`}>
              {Number(summary[k] ?? 0).toLocaleString("en")}
            </dd>
          </div>
        ))}
      </dl>
      {notes.length > 0 && <p className="text-xs text-slate-600">{notes.join(" · ")}</p>}
      <Link href={href} className={buttonClass("primary", "sm")}>
        Open the dataset
      </Link>
    </div>
  );
}

export function ImportErrors({ errors, truncated }: { errors: ImportError[]; truncated?: boolean }) {
  const shown = errors.slice(0, 100);
  return (
    <div
      role="alert"
      aria-label="Import errors"
      className="space-y-2 rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm"
    >
      <p className="font-medium text-rose-800">The import failed: nothing was written.</p>
      <table className="w-full text-left text-xs">
        <thead>
          <tr className="text-rose-700">
            <th className="w-48 pr-3">File</th>
            <th className="w-14 pr-3">Line</th>
            <th className="w-40 pr-3">Field</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e, i) => (
            <tr key={i} className="border-t border-rose-100 align-top">
              <td className="max-w-48 truncate py-1 pr-3 font-mono" title={e.file}>
                {e.file || "—"}
              </td>
              <td className="py-1 pr-3 font-mono tabular-nums">{e.line || "—"}</td>
              <td className="py-1 pr-3 font-mono">{e.field || "—"}</td>
              <td className="py-1 text-rose-900">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(truncated || errors.length > shown.length) && (
        <p className="text-xs text-rose-700">Only the first {shown.length} errors are listed.</p>
      )}
    </div>
  );
}
