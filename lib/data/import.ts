// Bulk import writer: better-sqlite3 prepared statements on the same SQLite file as lib/db,
// all inside ONE transaction (all or nothing). Prisma row by row is ~20x slower for 100k traces.
// Content hashes make every row idempotent (INSERT OR IGNORE on the unique keys), and nothing
// that exists is ever overwritten: an existing problem only gets an empty reference/answer filled.
import { env } from "@/lib/env";
import { ensureMigrated } from "./migrate";
import { nowText, openSqlite, type Sqlite } from "./sqlite";
import { sha256 } from "@/lib/core/hash";
import { countSteps } from "@/lib/core/steps";
import { deriveTraceStatus } from "@/lib/core/status";
import type { ImportFormat, ImportItem } from "@/lib/core/formats";

export type ImportCounts = { problems: number; traces: number; labels: number; interventions: number };

import { newId } from "./ids";

export { newId };

const zero = (): ImportCounts => ({ problems: 0, traces: 0, labels: 0, interventions: 0 });

export type WriteContext = { file: string; line: number };
export type ImportWriter = ReturnType<typeof openImportWriter>;

function statements(db: Sqlite) {
  return {
    findDataset: db.prepare<[string], { id: string }>(`SELECT id FROM Dataset WHERE name = ?`),
    insertDataset: db.prepare(`INSERT INTO Dataset (id, name, description, createdAt, updatedAt) VALUES (?, ?, '', ?, ?)`),
    touchDataset: db.prepare(`UPDATE Dataset SET updatedAt = ? WHERE id = ?`),
    insertProblem: db.prepare(
      `INSERT OR IGNORE INTO Problem (id, datasetId, externalId, statement, referenceSolution, answer, source, metadata, contentHash, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    findProblem: db.prepare<[string, string], { id: string }>(`SELECT id FROM Problem WHERE datasetId = ? AND contentHash = ?`),
    fillReference: db.prepare(`UPDATE Problem SET referenceSolution = ? WHERE id = ? AND referenceSolution = ''`),
    fillAnswer: db.prepare(`UPDATE Problem SET answer = ? WHERE id = ? AND answer = ''`),
    insertTrace: db.prepare(
      `INSERT OR IGNORE INTO Trace (id, datasetId, problemId, externalId, text, generator, origin, correct, stepCount, contentHash, status, hasIntervention, humanStep, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 'imported', ?, ?, ?, ?, ?, NULL, 0, ?, ?)`,
    ),
    findTrace: db.prepare<[string, string], { id: string; hasIntervention: number }>(`SELECT id, hasIntervention FROM Trace WHERE problemId = ? AND contentHash = ?`),
    markIntervention: db.prepare(`UPDATE Trace SET hasIntervention = 1 WHERE id = ? AND hasIntervention = 0`),
    insertLabel: db.prepare(
      `INSERT OR IGNORE INTO FirstErrorLabel (id, traceId, step, source, annotator, note, badProblem, badReference, unsure, version, createdAt, updatedAt) VALUES (?, ?, ?, 'imported', ?, '', 0, 0, 0, 0, ?, ?)`,
    ),
    insertIntervention: db.prepare(
      `INSERT OR IGNORE INTO Intervention (id, traceId, location, content, status, origin, author, provenance, contentHash, rolloutsCorrect, rolloutsTotal, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'proposed', 'imported', '', ?, ?, 0, 0, 0, ?, ?)`,
    ),
    findImport: db.prepare<[string, string], { id: string }>(`SELECT id FROM ImportRecord WHERE datasetId = ? AND fileHash = ?`),
    insertImport: db.prepare(
      `INSERT INTO ImportRecord (id, datasetId, fileName, fileHash, format, problems, traces, labels, interventions, actor, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertAudit: db.prepare(`INSERT INTO AuditEvent (id, actor, action, entity, entityId, traceId, before, after, createdAt) VALUES (?, ?, 'import', 'ImportRecord', ?, NULL, NULL, ?, ?)`),
  };
}

/** Opens the database and BEGINs the import transaction; call finish() or rollback() exactly once. */
export function openImportWriter(datasetName: string, actor: string, url = env().DATABASE_URL) {
  ensureMigrated(url);
  const db = openSqlite(url);
  const st = statements(db);
  db.exec("BEGIN IMMEDIATE");
  const ts = nowText();
  let datasetId = st.findDataset.get(datasetName)?.id;
  if (!datasetId) {
    datasetId = newId();
    st.insertDataset.run(datasetId, datasetName, ts, ts);
  }
  const dsId = datasetId;
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
    const r = st.insertTrace.run(traceId, dsId, pid, t.externalId, t.text, t.generator, correct, countSteps(t.text), hash, derived.status, derived.hasIntervention ? 1 : 0, ts, ts);
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
      } else skipped.labels++;
    }
    for (const iv of item.interventions) {
      const provenance = JSON.stringify({ ...iv.provenance, file: ctx.file, line: ctx.line, importedBy: actor });
      const ih = sha256(String(iv.location), iv.content);
      if (st.insertIntervention.run(newId(), traceId, iv.location, iv.content, provenance, ih, ts, ts).changes === 1) {
        added.interventions++;
        wrote = true;
        if (!isNew) st.markIntervention.run(traceId);
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
