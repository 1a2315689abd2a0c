import { DEFAULT_EXPORT_STATUSES, DEFAULT_PER_PROBLEM, filtersInterventions, type DecidedBy, type ExportFormat, type PerProblem, type SkipReason } from "@/lib/core/export";
import type { InterventionStatus } from "@/lib/core/status";
import type { ExportOptions } from "./export";

// The counts an export reports (CLI summary line, the web summary, provenance.json), filled in
// while it streams.

export type ExportCounts = {
  format: ExportFormat;
  statuses: InterventionStatus[] | null; // null for a trace format (processbench)
  written: number;
  excludedLeakage: number; // interventions containing the ground-truth answer (method.md §5)
  skipped: Partial<Record<Exclude<SkipReason, "leakage">, number>>;
  done: boolean; // false while streaming, or when the consumer stopped early
  /** with verifiedOnly: interventions dropped by the keep filter, by reason */
  droppedUnverified?: { "not-rolled-out": number; "failed-keep-filter": number };
  /** rows selected by the list filter and the statuses, before any filter below (null for a trace format) */
  selected: number | null;
  perProblem: PerProblem | null; // null for a trace format (one row per trace)
  /** distinct problems among the rows written, and the most rows one problem got */
  problems: number;
  maxRowsPerProblem: number;
  /** perProblem "one": kept interventions left out because another row of their problem was kept */
  droppedPerProblem?: number;
  /** perProblem "one": how many problems each step of the rule decided */
  decidedBy?: Record<DecidedBy, number>;
};

export function newCounts(o: Pick<ExportOptions, "format" | "statuses" | "verifiedOnly" | "perProblem">): ExportCounts {
  const pb = !filtersInterventions(o.format); // one row per trace: statuses and per-problem do not apply
  const statuses = pb ? null : [...(o.statuses ?? DEFAULT_EXPORT_STATUSES)];
  const perProblem = pb ? null : (o.perProblem ?? DEFAULT_PER_PROBLEM);
  const c: ExportCounts = {
    format: o.format, statuses, written: 0, excludedLeakage: 0, skipped: {}, done: false,
    selected: pb ? null : 0, perProblem, problems: 0, maxRowsPerProblem: 0,
  };
  if (o.verifiedOnly && !pb) c.droppedUnverified = { "not-rolled-out": 0, "failed-keep-filter": 0 };
  if (perProblem === "one") c.droppedPerProblem = 0;
  return c;
}

export function skip(c: ExportCounts, r: { ok: false; reason: SkipReason }) {
  if (r.reason === "leakage") c.excludedLeakage++;
  else c.skipped[r.reason] = (c.skipped[r.reason] ?? 0) + 1;
}

/** Rows written per problem: the summary's "rows for problems" (memory: one entry per problem). */
export class PerProblemTally {
  private n = new Map<string, number>();
  add(c: ExportCounts, problemId: string) {
    const k = (this.n.get(problemId) ?? 0) + 1;
    this.n.set(problemId, k);
    c.written++;
    c.problems = this.n.size;
    if (k > c.maxRowsPerProblem) c.maxRowsPerProblem = k;
  }
}

