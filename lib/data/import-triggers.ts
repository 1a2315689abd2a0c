import type { Sqlite } from "./sqlite";

// The triggers the importer's inserts would fire for the trace list's upkeep (migrations 20261206060000/060100):
// a count upsert per trace, and a rewrite of the new trace row after each intervention and label. Together they
// cost the import more than half its throughput (bench/README.md, "import"). The importer drops them inside its
// own write transaction and recreates them, from the text SQLite stored, before COMMIT; in between it writes their
// effect itself: the facts of the traces it creates are set on insert, those of traces it met are recomputed, and
// the dataset is recounted (lib/data/import.ts). SQLite's DDL is transactional and the import holds the write lock
// from BEGIN IMMEDIATE to COMMIT, so no other connection sees the schema without them, and a rollback (a bad line,
// a crash) restores them with everything else.
export const IMPORT_SUSPENDED_TRIGGERS = ["Trace_count_insert", "Intervention_list_insert", "FirstErrorLabel_list_insert"] as const;

type Stored = { name: string; sql: string };

/** Drops the triggers above; returns the function that recreates them byte for byte. Only inside a write transaction. */
export function suspendImportTriggers(db: Sqlite): () => void {
  if (!db.inTransaction) throw new Error("the import's triggers can only be suspended inside its write transaction");
  const names = IMPORT_SUSPENDED_TRIGGERS;
  const stored = db
    .prepare<string[], Stored>(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => "?").join(", ")})`)
    .all(...names);
  const missing = names.filter((n) => !stored.some((s) => s.name === n));
  if (missing.length) throw new Error(`the database lacks the trace list's triggers ${missing.join(", ")}: run the migrations`);
  for (const s of stored) db.exec(`DROP TRIGGER "${s.name}"`);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    for (const s of stored) db.exec(s.sql);
  };
}
