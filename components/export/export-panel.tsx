"use client";
import { countText } from "@/lib/core/count-text";
import { useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import type { ExportFormatChoice } from "@/lib/core/export/formats";
import { useExportSummary } from "./use-export-summary";

const PER_PROBLEM = [
  { value: "all", label: "every kept intervention" },
  { value: "one", label: "one per problem" },
] as const;
const STATUSES = [
  { value: "accepted,edited", label: "accepted + edited" },
  { value: "any", label: "any status" },
] as const;
const SELECT = "h-7 rounded-md border border-slate-300 bg-white px-1.5 text-sm";
const LINK = "text-xs text-indigo-700 hover:underline";

type Props = {
  datasetId: string;
  filterSearch: string;
  matching: number;
  matchingAtLeast?: boolean;
  formats: ExportFormatChoice[];
};

/**
 * "Export what I see": the download carries the list's current filters. `filterSearch` is "" or "?a=b".
 * `formats` = exportFormatChoices() (the format registry), passed from the server page as plain data.
 */
export function ExportPanel({ datasetId, filterSearch, matching, matchingAtLeast = false, formats }: Props) {
  const [format, setFormat] = useState<string>(formats[0].value);
  const [status, setStatus] = useState<string>("accepted,edited");
  const [counting, setCounting] = useState(false);
  const [verified, setVerified] = useState(false);
  const [perProblem, setPerProblem] = useState<string>("all");
  const spec = formats.find((f) => f.value === format) ?? formats[0];
  const perIntervention = spec.rowUnit === "intervention"; // statuses, verified, per-problem apply
  const q = new URLSearchParams({ format, status });
  if (verified && perIntervention) q.set("verified", "1");
  if (perProblem === "one" && perIntervention) q.set("per_problem", "one");
  // A list status filter (todo|labelled|curated) rides along as a second `status`: the route tells them apart.
  for (const [k, v] of new URLSearchParams(filterSearch)) q.append(k, v);
  const href = `/api/datasets/${encodeURIComponent(datasetId)}/export?${q.toString()}`;
  const summary = useExportSummary(href, counting);
  const change = (f: () => void) => {
    f();
    setCounting(false);
  };

  return (
    <section
      aria-label="Export"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm"
    >
      <span className="font-medium text-slate-700">Export</span>
      <label className="flex items-center gap-1 text-slate-600">
        Format
        <select
          aria-label="Export format"
          className={SELECT}
          value={format}
          onChange={(e) => change(() => setFormat(e.target.value))}
        >
          {formats.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      {perIntervention && (
        <label className="flex items-center gap-1 text-slate-600">
          Interventions
          <select
            aria-label="Export status"
            className={SELECT}
            value={status}
            onChange={(e) => change(() => setStatus(e.target.value))}
          >
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {perIntervention && (
        <label
          className="flex items-center gap-1 text-slate-600"
          title="one per problem: a person's choice first, then the most correct rollouts, then the first parsed"
        >
          Rows
          <select
            aria-label="Rows per problem"
            className={SELECT}
            value={perProblem}
            onChange={(e) => change(() => setPerProblem(e.target.value))}
          >
            {PER_PROBLEM.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {perIntervention && (
        <label className="flex items-center gap-1 text-slate-600">
          <input type="checkbox" checked={verified} onChange={(e) => change(() => setVerified(e.target.checked))} />
          Verified only
        </label>
      )}
      <a href={href} download className={buttonClass("primary", "sm")}>
        {spec.container === "hf" ? "Download .zip" : "Download"}
      </a>
      {spec.datasetInfo && (
        <a href={`${href}&part=dataset_info`} download className={LINK}>
          dataset_info.json
        </a>
      )}
      {spec.noteLabel && (
        <a href={`${href}&part=note`} download className={LINK}>
          {spec.noteLabel}
        </a>
      )}
      <a href={`${href}&part=provenance`} download className={LINK}>
        provenance.json
      </a>
      <span className="text-xs text-slate-500">
        from the {countText(matching, matchingAtLeast)} traces the filters show
      </span>
      <span className="ml-auto text-xs text-slate-600" aria-live="polite">
        {!counting && (
          <Button size="xs" variant="ghost" onClick={() => setCounting(true)}>
            Count rows
          </Button>
        )}
        {counting && summary.isFetching && "counting…"}
        {counting && summary.data && !summary.isFetching && (
          <span data-testid="export-count">
            {summary.data.written.toLocaleString("en")} {summary.data.written === 1 ? "row" : "rows"}
            {summary.data.perProblem &&
              ` for ${summary.data.problems.toLocaleString("en")} ${summary.data.problems === 1 ? "problem" : "problems"}`}
            {summary.data.perProblem === "all" &&
              summary.data.written > 0 &&
              ` (up to ${summary.data.maxRowsPerProblem} per problem)`}
            {summary.data.perProblem === "one" &&
              ` (one per problem; ${(summary.data.droppedPerProblem ?? 0).toLocaleString("en")} other kept ${summary.data.droppedPerProblem === 1 ? "intervention" : "interventions"} left out)`}
            {summary.data.excludedLeakage > 0 && ` · ${summary.data.excludedLeakage} excluded (contain the answer)`}
            {Object.entries(summary.data.skipped ?? {})
              .map(([k, v]) => ` · ${v} skipped (${k})`)
              .join("")}
            {summary.data.droppedUnverified &&
              ` · dropped as not verified: ${summary.data.droppedUnverified["not-rolled-out"]} not rolled out, ${summary.data.droppedUnverified["failed-keep-filter"]} failed the keep filter`}
          </span>
        )}
        {counting && summary.error && <span className="text-rose-700">{(summary.error as Error).message}</span>}
      </span>
    </section>
  );
}
