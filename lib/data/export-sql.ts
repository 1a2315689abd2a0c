import type { TraceFilter } from "@/lib/core/filters";
import { traceWhereSql } from "./trace-list-sql";

// The export's trace selection over `Trace t JOIN Problem p`: the list's own WHERE
// (lib/data/trace-list-sql.ts, the one definition of the trace filters), parenthesised.
// Callers that filter on the final answer run prepareFilter (trace-list.ts) first.
export function traceFilterSql(datasetId: string, f: TraceFilter): { sql: string; params: unknown[] } {
  const w = traceWhereSql(datasetId, f);
  return { sql: `(${w.sql})`, params: w.params };
}
