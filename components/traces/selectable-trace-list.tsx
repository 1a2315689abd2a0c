"use client";
import type { ListRow } from "@/lib/data/blind-labels";
import type { ModelStatus } from "@/lib/model/settings";
import { KeyHelpDialog } from "@/components/ui/key-help";
import { SelectionBar } from "./selection-bar";
import { TraceTable } from "./trace-table";
import { LIST_KEY_HELP, useListKeys } from "./use-list-keys";
import { useTraceSelection } from "./use-trace-selection";

/** The trace table with row selection, the keyboard, and the selection's action bar (selection kept per tab). */
export function SelectableTraceList({
  datasetId,
  rows,
  base,
  search,
  model,
  prevHref,
  nextHref,
}: {
  datasetId: string;
  rows: ListRow[];
  base: string;
  search: string;
  model: ModelStatus;
  prevHref: string | null;
  nextHref: string | null;
}) {
  const ids = rows.map((r) => r.id);
  const selection = useTraceSelection(datasetId, ids);
  const keys = useListKeys({
    datasetId,
    rowIds: ids,
    hrefFor: (id) => `${base}/traces/${id}${search}`,
    selection,
    prevHref,
    nextHref,
  });
  const onPage = rows.filter((r) => selection.has(r.id)).length;
  return (
    <div data-keys-ready={keys.ready ? "1" : undefined}>
      <SelectionBar datasetId={datasetId} selection={selection} onPage={onPage} model={model} />
      <TraceTable
        rows={rows}
        base={base}
        search={search}
        selection={selection}
        focusedId={keys.focusedId}
        onRowFocus={keys.focusRow}
      />
      <KeyHelpDialog
        open={keys.help}
        onClose={keys.closeHelp}
        help={LIST_KEY_HELP}
        footer="Keys do nothing while you type in a field. The focused trace is remembered in this tab."
      />
    </div>
  );
}
