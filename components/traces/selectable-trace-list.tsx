"use client";
import type { TraceRow } from "@/lib/data/trace-list";
import type { ModelStatus } from "@/lib/model/settings";
import { SelectionBar } from "./selection-bar";
import { TraceTable } from "./trace-table";
import { useTraceSelection } from "./use-trace-selection";

/** The trace table with row selection and the selection's action bar (selection kept per tab). */
export function SelectableTraceList({ datasetId, rows, base, search, model }: {
  datasetId: string; rows: TraceRow[]; base: string; search: string; model: ModelStatus;
}) {
  const selection = useTraceSelection(datasetId, rows.map((r) => r.id));
  const onPage = rows.filter((r) => selection.has(r.id)).length;
  return (
    <>
      <SelectionBar datasetId={datasetId} selection={selection} onPage={onPage} model={model} />
      <TraceTable rows={rows} base={base} search={search} selection={selection} />
    </>
  );
}
