import type { TraceFilter } from "@/lib/core/filters";

// SQL twin of `traceWhere` (lib/data/trace-list.ts) for the streaming export, over
// `Trace t JOIN Problem p`. It must select exactly what the list shows; export.test.ts
// compares the two on every filter. Like Prisma's `contains` on SQLite, `q` is a LIKE
// pattern (ASCII case-insensitive, `%` and `_` not escaped).
export function traceFilterSql(datasetId: string, f: TraceFilter): { sql: string; params: unknown[] } {
  const and = ["t.datasetId = ?"];
  const params: unknown[] = [datasetId];
  if (f.status) {
    and.push("t.status = ?");
    params.push(f.status);
  }
  const human = "EXISTS (SELECT 1 FROM FirstErrorLabel h WHERE h.traceId = t.id AND h.source = 'human')";
  if (f.labelled === "yes") and.push(human);
  if (f.labelled === "no") and.push(`NOT ${human}`);
  const kept = "EXISTS (SELECT 1 FROM Intervention k WHERE k.traceId = t.id AND k.status <> 'rejected')";
  if (f.intervention === "yes") and.push(kept);
  if (f.intervention === "no") and.push(`NOT ${kept}`);
  if (f.generator !== undefined) {
    and.push("t.generator = ?");
    params.push(f.generator);
  }
  if (f.q) {
    and.push("(t.text LIKE ? OR p.statement LIKE ?)");
    params.push(`%${f.q}%`, `%${f.q}%`);
  }
  return { sql: `(${and.join(" AND ")})`, params };
}
