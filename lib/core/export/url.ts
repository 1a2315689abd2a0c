import { traceFilterToSearch, type TraceFilter } from "../filters";
import type { ExportFormat } from "./formats";

// Links to the download route (app/api/datasets/[datasetId]/export/route.ts) for the UI:
// "export what I see" = the list's filter + format (+ intervention statuses, default
// accepted,edited). `status` carries both the list's trace status and the intervention
// statuses; the route sorts them by word.
export function exportHref(
  datasetId: string,
  format: ExportFormat,
  filter: TraceFilter = {},
  opts: { statuses?: string; summary?: boolean; part?: "dataset_info" | "note" } = {},
): string {
  const p = new URLSearchParams(traceFilterToSearch(filter));
  p.set("format", format);
  if (opts.statuses) p.append("status", opts.statuses);
  if (opts.summary) p.set("summary", "1");
  if (opts.part) p.set("part", opts.part);
  return `/api/datasets/${encodeURIComponent(datasetId)}/export?${p.toString()}`;
}
