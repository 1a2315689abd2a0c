import type { InterventionStatus, TraceStatus } from "../status";

// Which interventions an export takes. Default: accepted + edited (what people kept).
// `any` = every status except rejected: a rejected intervention was judged wrong by a
// person, so it is only exported when named explicitly (e.g. `rejected` or a full list).

export const INTERVENTION_STATUSES: readonly InterventionStatus[] = ["proposed", "accepted", "edited", "rejected"];
export const DEFAULT_EXPORT_STATUSES: readonly InterventionStatus[] = ["accepted", "edited"];
export const ANY_EXPORT_STATUSES: readonly InterventionStatus[] = ["proposed", "accepted", "edited"];
const TRACE_STATUSES: readonly TraceStatus[] = ["todo", "labelled", "curated"];

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `accepted,edited` | `any` | any comma list of intervention statuses (undefined/"" = default). */
export function parseStatusFilter(s: string | undefined | null): Parsed<InterventionStatus[]> {
  if (s === undefined || s === null || s.trim() === "") return { ok: true, value: [...DEFAULT_EXPORT_STATUSES] };
  const out = new Set<InterventionStatus>();
  for (const raw of s.split(",")) {
    const t = raw.trim();
    if (t === "any") ANY_EXPORT_STATUSES.forEach((x) => out.add(x));
    else if ((INTERVENTION_STATUSES as readonly string[]).includes(t)) out.add(t as InterventionStatus);
    else
      return {
        ok: false,
        reason: `unknown status "${t}" (use accepted,edited | any | a list of ${INTERVENTION_STATUSES.join(", ")})`,
      };
  }
  return { ok: true, value: INTERVENTION_STATUSES.filter((x) => out.has(x)) };
}

/**
 * The web export shares `status` with the trace list's filter (?status=todo), because
 * "export what I see" appends the list's query string. The two vocabularies are disjoint,
 * so every `status` value (repeated or comma-separated) is sorted by word: trace statuses
 * go to the list filter, intervention statuses / `any` to the export.
 */
export function splitStatusParams(
  values: readonly string[],
): Parsed<{ traceStatus?: TraceStatus; interventionStatuses: InterventionStatus[] }> {
  let traceStatus: TraceStatus | undefined;
  const iv: string[] = [];
  for (const v of values) {
    for (const raw of v.split(",")) {
      const t = raw.trim();
      if (t === "") continue;
      if ((TRACE_STATUSES as readonly string[]).includes(t)) {
        if (traceStatus && traceStatus !== t)
          return { ok: false, reason: `two trace statuses: ${traceStatus} and ${t}` };
        traceStatus = t as TraceStatus;
      } else iv.push(t);
    }
  }
  const parsed = parseStatusFilter(iv.join(","));
  if (!parsed.ok) return parsed;
  return { ok: true, value: { traceStatus, interventionStatuses: parsed.value } };
}
