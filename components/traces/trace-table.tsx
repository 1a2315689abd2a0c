"use client";
import Link from "next/link";
import type { TraceRow } from "@/lib/data/trace-list";
import type { ListRow } from "@/lib/data/blind-labels";
import { pageState } from "@/lib/core/selection/selection";
import { InterventionStatusBadge, TraceStatusBadge } from "./status-badge";
import { cn } from "@/components/ui/cn";
import { MathInline } from "@/components/math/math-inline";
import type { TraceSelection } from "./use-trace-selection";

const IV_ORDER = ["proposed", "accepted", "edited", "rejected"];
const BOX = "h-4 w-4 cursor-pointer accent-indigo-600";

/** An imported or model first-error label, shown muted: nobody has confirmed it here yet. */
function OtherLabel({ label }: { label: NonNullable<TraceRow["otherLabel"]> }) {
  const tone = label.source === "imported" ? "text-amber-700" : "text-violet-700";
  const what = label.step === null ? "no error" : `step ${label.step}`;
  return (
    <span className={tone} data-testid="other-label" title={`${label.source} first-error label; no human label yet`}>
      {label.source === "imported" ? "I" : "M"}: {what}
    </span>
  );
}

/**
 * One page of traces; review links keep the list's filters (`search`). With a selection, each row
 * has a checkbox (shift-click selects a range). The keyboard (use-list-keys.ts) moves a row focus,
 * shown here as `focusedId`; clicking or tabbing into a row moves it too.
 */
export function TraceTable({
  rows,
  base,
  search,
  selection,
  focusedId,
  onRowFocus,
}: {
  rows: ListRow[];
  base: string;
  search: string;
  selection?: TraceSelection;
  focusedId?: string | null;
  onRowFocus?: (id: string) => void;
}) {
  const hrefFor = (id: string) => `${base}/traces/${id}${search}`;
  const state = selection
    ? pageState(
        selection.ids,
        rows.map((r) => r.id),
      )
    : "none";
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-500">
          <th className={selection ? "w-20 py-1.5 pr-2" : "w-14 py-1.5 pr-2 text-right"}>
            {selection ? (
              <span className="flex items-center justify-between">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  className={BOX}
                  checked={state === "all"}
                  ref={(el) => {
                    if (el) el.indeterminate = state === "some";
                  }}
                  onChange={() => selection.setPage(state !== "all")}
                />
                #
              </span>
            ) : (
              "#"
            )}
          </th>
          <th className="py-1.5 pr-3">Problem</th>
          <th className="w-44 py-1.5 pr-3">Generator</th>
          <th className="w-14 py-1.5 pr-3 text-right">Steps</th>
          <th className="w-24 py-1.5 pr-3 text-right">First error</th>
          <th className="w-44 py-1.5 pr-3">Interventions</th>
          <th className="w-20 py-1.5">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const on = selection?.has(r.id) ?? false;
          const focused = focusedId === r.id;
          return (
            <tr
              key={r.id}
              tabIndex={-1}
              data-trace-id={r.id}
              data-selected={on ? "true" : undefined}
              data-focused={focused ? "true" : undefined}
              aria-current={focused ? "true" : undefined}
              onFocus={() => onRowFocus?.(r.id)}
              onClick={() => onRowFocus?.(r.id)}
              className={cn(
                "border-b border-slate-100 outline-none",
                on ? "bg-indigo-50" : "hover:bg-indigo-50/40",
                focused && "shadow-[inset_3px_0_0_0_#4f46e5] bg-indigo-50/60",
              )}
            >
              {/* the checkbox shares the # cell: the columns stay as they were */}
              <td className="py-1 pr-2 text-right text-slate-500 tabular-nums">
                <span className="flex items-center justify-between gap-1">
                  {selection && (
                    <input
                      type="checkbox"
                      aria-label={`Select trace ${r.position}`}
                      className={BOX}
                      checked={on}
                      onChange={(e) =>
                        selection.toggle(r.id, {
                          shift: (e.nativeEvent as MouseEvent).shiftKey === true,
                          on: e.target.checked,
                        })
                      }
                    />
                  )}
                  <Link
                    href={hrefFor(r.id)}
                    className="ml-auto hover:underline"
                    title={r.externalId ? `id ${r.externalId}` : undefined}
                  >
                    {r.position}
                  </Link>
                </span>
              </td>
              <td className="truncate py-1 pr-3">
                <Link
                  href={hrefFor(r.id)}
                  className="text-slate-800 hover:text-indigo-700 hover:underline"
                  title={r.snippet}
                >
                  {r.snippet ? <MathInline text={r.snippet} /> : "(empty problem)"}
                </Link>
              </td>
              <td className="truncate py-1 pr-3 text-xs text-slate-600" title={r.generator}>
                {r.generator || "—"}
              </td>
              <td className="py-1 pr-3 text-right tabular-nums">{r.stepCount}</td>
              <td className="py-1 pr-3 text-right tabular-nums">
                {r.hidden ? (
                  <span className="text-amber-700" data-testid="blind-label" title={r.hidden}>
                    hidden (blind)
                  </span>
                ) : r.humanStep !== null ? (
                  `step ${r.humanStep}`
                ) : r.labelled ? (
                  <span className="text-emerald-700">no error</span>
                ) : r.otherLabel ? (
                  <OtherLabel label={r.otherLabel} />
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="py-1 pr-3">
                <div className="flex flex-wrap gap-1">
                  {IV_ORDER.filter((s) => r.interventions[s]).map((s) => (
                    <InterventionStatusBadge key={s} status={s} count={r.interventions[s]} />
                  ))}
                </div>
              </td>
              <td className="py-1">
                {r.hidden ? (
                  <span className="text-xs text-amber-700" title={r.hidden}>
                    hidden
                  </span>
                ) : (
                  <TraceStatusBadge status={r.status} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
