// The id a record carries, and the field it came from, so that two records of one file with the
// same id can be refused naming both lines. Traces are keyed by the trace id ("id" in int and
// ProcessBench); problem sets without traces by their problem id (MATH-500's unique_id, ...).
import { PROBLEM_ID_KEYS } from "./problems";
import type { ImportItem } from "./types";

export type RecordId = { id: string; field: string };

export function recordId(item: ImportItem, record: Record<string, unknown>): RecordId | null {
  if (item.trace) return item.trace.externalId === null ? null : { id: item.trace.externalId, field: "id" };
  if (item.problem.externalId === null) return null;
  const field = PROBLEM_ID_KEYS.find((k) => record[k] !== undefined && record[k] !== null) ?? "id";
  return { id: item.problem.externalId, field };
}
