// Bulk import writer: better-sqlite3 prepared statements on the same SQLite file as lib/db,
// all inside ONE transaction (all or nothing). Prisma row by row is ~20x slower for 100k traces.
// Content hashes make every row idempotent (INSERT OR IGNORE on the unique keys), and nothing
// that exists is ever overwritten: an existing problem only gets an empty reference/answer filled.
import { env } from "@/lib/env";
import { ensureMigrated } from "./migrate";
import { suspendImportTriggers } from "./import-triggers";
import { nowText, openSqlite, type Sqlite } from "./sqlite";
import { columns, insertSql, table, type Row } from "./sql-types";
import { sha256 } from "@/lib/core/hash";
import { countSteps } from "@/lib/core/steps";
import { deriveTraceStatus } from "@/lib/core/status";
import type { ImportFormat, ImportItem } from "@/lib/core/formats";

export type ImportCounts = { problems: number; traces: number; labels: number; interventions: number };

import { newId } from "./ids";

export { newId };

const zero = (): ImportCounts => ({ problems: 0, traces: 0, labels: 0, interventions: 0 });

export type WriteContext = { file: string; line: number };

// Every table and column below is checked against the Prisma schema by tsc (./sql-types.ts).
const D = table("Dataset");
const P = table("Problem");
const T = table("Trace");
const R = table("ImportRecord");
const C = table("TraceListCount");
const IV = table("Intervention");
const L = table("FirstErrorLabel");

// The trace list's upkeep in bulk. Inside the import's transaction its insert triggers are suspended
// (./import-triggers.ts): the traces it creates carry their facts from the insert, and the dataset is recounted from its
// traces before COMMIT (one GROUP BY over the covering index). Per row, the triggers cost more than half the import's
// throughput. A trace that existed and got a child from the import has its facts recomputed by the triggers that stay:
// a no-op update of its interventions' status and its labels' source fires their update triggers (migration
// 20261206060000), so the facts keep one definition, the triggers'.
const COUNT_KEY = ["status", "generator", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment"] as const;
const RECOUNT_SQL = `INSERT INTO ${C} (${columns("TraceListCount", ["datasetId", "answerCheck", ...COUNT_KEY, "n"])})
  SELECT ${T.datasetId}, IFNULL(${T.answerCheck}, ''), ${columns("Trace", COUNT_KEY)}, COUNT(*) FROM ${T} WHERE ${T.datasetId} = ?
  GROUP BY ${T.datasetId}, IFNULL(${T.answerCheck}, ''), ${columns("Trace", COUNT_KEY)}`;

function statements(db: Sqlite) {
  return {
    findDataset: db.prepare<[string], Row<"Dataset", "id">>(`SELECT ${D.id} FROM ${D} WHERE ${D.name} = ?`),
    insertDataset: db.prepare(insertSql("Dataset", ["id", "name", "description", "createdAt", "updatedAt"], { literals: { description: "''" } })),
    touchDataset: db.prepare(`UPDATE ${D} SET ${D.updatedAt} = ? WHERE ${D.id} = ?`),
    clearCounts: db.prepare(`DELETE FROM ${C} WHERE ${C.datasetId} = ?`),
    recount: db.prepare(RECOUNT_SQL),
    refreshIvFacts: db.prepare(`UPDATE ${IV} SET ${IV.status} = ${IV.status} WHERE ${IV.traceId} = ?`),
    refreshLabelFacts: db.prepare(`UPDATE ${L} SET ${L.source} = ${L.source} WHERE ${L.traceId} = ?`),
    insertProblem: db.prepare(
      insertSql("Problem", ["id", "datasetId", "externalId", "statement", "referenceSolution", "answer", "source", "metadata", "contentHash", "createdAt"], { orIgnore: true }),
    ),
    findProblem: db.prepare<[string, string], Row<"Problem", "id">>(`SELECT ${P.id} FROM ${P} WHERE ${P.datasetId} = ? AND ${P.contentHash} = ?`),
    fillReference: db.prepare(`UPDATE ${P} SET ${P.referenceSolution} = ? WHERE ${P.id} = ? AND ${P.referenceSolution} = ''`),
    fillAnswer: db.prepare(`UPDATE ${P} SET ${P.answer} = ? WHERE ${P.id} = ? AND ${P.answer} = ''`),
    insertTrace: db.prepare(
      insertSql(
        "Trace",
        // listIntervention / listImported*: the trace list's facts about the record's interventions and label, which
        // the suspended triggers would have set by updating the new row after each child insert. The values are
        // exactly the triggers' (imported interventions are "proposed"); on a trace that already exists the insert is
        // ignored and finish() recomputes them (lib/data/trace-list-facets.test.ts checks both).
        [
          ...["id", "datasetId", "problemId", "externalId", "text", "generator", "origin", "correct", "stepCount", "contentHash"] as const,
          ...["status", "hasIntervention", "humanStep", "version", "createdAt", "updatedAt"] as const,
          ...["listIntervention", "listImportedError", "listImportedNoError"] as const,
        ],
        { orIgnore: true, literals: { origin: "'imported'", humanStep: "NULL", version: "0" } },
      ),
    ),
    findTrace: db.prepare<[string, string], Row<"Trace", "id" | "hasIntervention">>(`SELECT ${T.id}, ${T.hasIntervention} FROM ${T} WHERE ${T.problemId} = ? AND ${T.contentHash} = ?`),
    markIntervention: db.prepare(`UPDATE ${T} SET ${T.hasIntervention} = 1 WHERE ${T.id} = ? AND ${T.hasIntervention} = 0`),
    insertLabel: db.prepare(
      insertSql(
        "FirstErrorLabel",
        ["id", "traceId", "step", "source", "annotator", "note", "badProblem", "badReference", "unsure", "version", "createdAt", "updatedAt"],
        { orIgnore: true, literals: { source: "'imported'", note: "''", badProblem: "0", badReference: "0", unsure: "0", version: "0" } },
      ),
    ),
    insertIntervention: db.prepare(
      insertSql(
        "Intervention",
        ["id", "traceId", "location", "content", "status", "origin", "author", "provenance", "contentHash", "rolloutsCorrect", "rolloutsTotal", "version", "createdAt", "updatedAt"],
        { orIgnore: true, literals: { status: "'proposed'", origin: "'imported'", author: "''", rolloutsCorrect: "0", rolloutsTotal: "0", version: "0" } },
      ),
    ),
    findImport: db.prepare<[string, string], Row<"ImportRecord", "id">>(`SELECT ${R.id} FROM ${R} WHERE ${R.datasetId} = ? AND ${R.fileHash} = ?`),
    insertImport: db.prepare(
      insertSql("ImportRecord", ["id", "datasetId", "fileName", "fileHash", "format", "problems", "traces", "labels", "interventions", "actor", "createdAt"]),
    ),
    insertAudit: db.prepare(
      insertSql("AuditEvent", ["id", "actor", "action", "entity", "entityId", "traceId", "before", "after", "createdAt"], {
        literals: { action: "'import'", entity: "'ImportRecord'", traceId: "NULL", before: "NULL" },
      }),
    ),
  };
}

/** Opens the database and BEGINs the import transaction; call finish() or rollback() exactly once. */
export function openImportWriter(datasetName: string, actor: string, url = env().DATABASE_URL) {
  ensureMigrated(url);
  const db = openSqlite(url);
  const st = statements(db);
  db.exec("BEGIN IMMEDIATE");
  const restoreTriggers = suspendImportTriggers(db);
  const ts = nowText();
  let datasetId = st.findDataset.get(datasetName)?.id;
  if (!datasetId) {
    datasetId = newId();
    st.insertDataset.run(datasetId, datasetName, ts, ts);
  }
  const dsId = datasetId;
  // traces that existed before this import and got a label or intervention from it: their facts are recomputed at finish
  const metTraces = new Set<string>();
  const problemIds = new Map<string, string>();
  const added = zero();
  const skipped = zero();
  let problemsEnriched = 0;

  // Did the record being written add or complete anything? (A re-import's summary counts records.)
  let wrote = false;

  function problemId(item: ImportItem): string {
    const p = item.problem;
    const hash = sha256(p.statement);
    const known = problemIds.get(hash);
    if (known) {
      if (!item.trace) skipped.problems++;
      return known;
    }
    const id = newId();
    const r = st.insertProblem.run(id, dsId, p.externalId, p.statement, p.referenceSolution, p.answer, p.source, JSON.stringify(p.metadata), hash, ts);
    if (r.changes === 1) {
      wrote = true;
      added.problems++;
      problemIds.set(hash, id);
      return id;
    }
    const existing = st.findProblem.get(dsId, hash)!.id;
    let filled = 0;
    if (p.referenceSolution) filled += st.fillReference.run(p.referenceSolution, existing).changes;
    if (p.answer) filled += st.fillAnswer.run(p.answer, existing).changes;
    if (filled) {
      problemsEnriched++;
      wrote = true;
    }
    skipped.problems++;
    problemIds.set(hash, existing);
    return existing;
  }

  /** Writes one record; true when it added or completed anything. */
  function write(item: ImportItem, ctx: WriteContext): boolean {
    wrote = false;
    const pid = problemId(item);
    const t = item.trace;
    if (!t) return wrote;
    const hash = sha256(t.generator, t.text);
    const derived = deriveTraceStatus({ humanLabel: null, interventionStatuses: item.interventions.map(() => "proposed") });
    let traceId = newId();
    const correct = t.correct === null ? null : t.correct ? 1 : 0;
    const facts = [item.interventions.length > 0, !!item.label && item.label.step !== null, !!item.label && item.label.step === null].map(Number);
    const r = st.insertTrace.run(traceId, dsId, pid, t.externalId, t.text, t.generator, correct, countSteps(t.text), hash, derived.status, derived.hasIntervention ? 1 : 0, ts, ts, ...facts);
    const isNew = r.changes === 1;
    if (isNew) {
      added.traces++;
      wrote = true;
    } else {
      skipped.traces++;
      traceId = st.findTrace.get(pid, hash)!.id;
    }
    if (item.label) {
      if (st.insertLabel.run(newId(), traceId, item.label.step, item.label.annotator, ts, ts).changes === 1) {
        added.labels++;
        wrote = true;
        if (!isNew) metTraces.add(traceId);
      } else skipped.labels++;
    }
    for (const iv of item.interventions) {
      const provenance = JSON.stringify({ ...iv.provenance, file: ctx.file, line: ctx.line, importedBy: actor });
      const ih = sha256(String(iv.location), iv.content);
      if (st.insertIntervention.run(newId(), traceId, iv.location, iv.content, provenance, ih, ts, ts).changes === 1) {
        added.interventions++;
        wrote = true;
        if (!isNew) {
          st.markIntervention.run(traceId);
          metTraces.add(traceId);
        }
      } else skipped.interventions++;
    }
    return wrote;
  }

  let closed = false;
  function close() {
    closed = true;
    db.close();
  }

  return {
    datasetId: dsId,
    write,
    counts: () => ({ added: { ...added }, skipped: { ...skipped }, problemsEnriched }),
    /** Records the import (unless this exact file was imported before), commits, closes. */
    finish(file: { fileName: string; fileHash: string; format: ImportFormat }): { alreadyImported: boolean; importId: string | null } {
      const before = st.findImport.get(dsId, file.fileHash);
      let importId: string | null = null;
      if (!before) {
        importId = newId();
        st.insertImport.run(importId, dsId, file.fileName, file.fileHash, file.format, added.problems, added.traces, added.labels, added.interventions, actor, ts);
        const after = JSON.stringify({ dataset: datasetName, ...file, added, skipped, problemsEnriched });
        st.insertAudit.run(newId(), actor, importId, after, ts);
      }
      if (added.problems || added.traces || added.labels || added.interventions || problemsEnriched) st.touchDataset.run(ts, dsId);
      for (const id of metTraces) {
        st.refreshIvFacts.run(id);
        st.refreshLabelFacts.run(id);
      }
      st.clearCounts.run(dsId);
      st.recount.run(dsId);
      restoreTriggers();
      db.exec("COMMIT");
      close();
      return { alreadyImported: Boolean(before), importId };
    },
    rollback(): void {
      if (closed) return;
      try {
        if (db.inTransaction) db.exec("ROLLBACK");
      } finally {
        close();
      }
    },
  };
}
