import { prisma, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { ensureMigrated } from "./migrate";
import { openSqlite, type Sqlite } from "./sqlite";
import type { TraceFilter } from "@/lib/core/filters";
import type { InterventionStatus } from "@/lib/core/status";
import {
  OnePerProblem, buildInterventionRow, buildTraceRow, exportFormatSpec, toJsonLine,
  type BuildResult, type ExportFormat, type ExportLabel, type PerProblem,
} from "@/lib/core/export";
import type { ExportFacts } from "./export-facts";
import { PerProblemTally, newCounts, skip, type ExportCounts } from "./export-counts";
import { DEFAULT_CHAT_TEMPLATE, type ChatTemplateName } from "@/lib/tokens/chat";
import type { SftEncoder } from "@/lib/core/export/trl-tokenized";
import { traceFilterSql } from "./export-sql";
import { prepareFilter } from "./trace-list";
import { unverifiedReason } from "@/lib/core/rollouts/keep";
import { winnerLabel, type SourcedLabel } from "@/lib/core/agreement/winning-label";
import { table } from "./sql-types";

// Streaming export of a dataset: an async generator of JSONL lines that reads the database
// in id-cursor batches (id > last ORDER BY id LIMIT n), so memory depends on the batch
// size, never on the dataset size. Selection = the trace list's filter (export-sql.ts uses
// traceWhereSql of trace-list-sql.ts, the one filter definition: "export what I see") +
// intervention statuses for formats with one row per intervention; a trace format (processbench)
// ignores them (lib/core/export/formats.ts says which is which). A tokenized format loads the
// Qwen3 tokenizer on first use.
// Rows are read with better-sqlite3 prepared statements on the same file, like the bulk
// importer: through Prisma the same export ran 5-6x slower than a bare select.

export const EXPORT_BATCH = 500;
export { newCounts, type ExportCounts } from "./export-counts";

export type ExportOptions = {
  datasetId: string;
  format: ExportFormat;
  statuses?: readonly InterventionStatus[]; // default accepted + edited
  filter?: TraceFilter;
  batchSize?: number;
  url?: string; // DATABASE_URL
  onBatch?: (rows: number) => void; // observability (tests: batching)
  template?: ChatTemplateName; // trl-tokenized: the chat template (default qwen3-instruct-2507)
  verifiedOnly?: boolean; // keep filter (method.md §6): only interventions verified by rollouts
  /** "one": one row per problem (core/export/per-problem.ts); default "all" (every kept intervention) */
  perProblem?: PerProblem;
  /** collects what provenance.json reports about the rows written (export-facts.ts) */
  facts?: ExportFacts;
};

/** Row objects of an export; `counts` is filled in as rows are produced (read it at the end). */
export async function* exportRows(o: ExportOptions, counts: ExportCounts = newCounts(o)): AsyncGenerator<unknown> {
  const spec = exportFormatSpec(o.format); // an unknown format throws here, before any row
  const url = o.url ?? env().DATABASE_URL;
  ensureMigrated(url);
  // a filter on the final answer needs every trace's answerCheck first (same as the list)
  if (o.filter && url === env().DATABASE_URL) await prepareFilter(o.datasetId, o.filter);
  // The tokenizer is loaded lazily (dynamic import), only for the tokenized format.
  const enc = spec.tokenized
    ? await (await import("@/lib/tokens/sft-encoder")).sftEncoder(o.template ?? DEFAULT_CHAT_TEMPLATE)
    : undefined;
  const db = openSqlite(url, { queryOnly: true });
  try {
    yield* spec.rowUnit === "trace" ? traceRows(db, o, counts) : interventionRows(db, o, counts, enc);
    o.facts?.finish(db);
    counts.done = true;
  } finally {
    db.close();
  }
}

/** JSONL lines of an export; `counts` is filled in as lines are produced (read it at the end). */
export async function* exportLines(o: ExportOptions, counts: ExportCounts = newCounts(o)): AsyncGenerator<string> {
  for await (const row of exportRows(o, counts)) yield toJsonLine(row);
}

/** Counts of an export without keeping its lines (for a summary before or after a download). */
export async function exportSummary(o: ExportOptions): Promise<ExportCounts> {
  const counts = newCounts(o);
  for await (const _ of exportRows(o, counts)) void _;
  return counts;
}

const labelsOf = (json: string | null): SourcedLabel[] => (json === null ? [] : (JSON.parse(json) as SourcedLabel[]));
const label = (json: string | null): ExportLabel | null => winnerLabel(labelsOf(json));
const bool = (v: number | null): boolean | null => (v === null ? null : v !== 0);
// The statements' names are checked against the schema by tsc (./sql-types.ts); the aliases t and p
// are the ones the list's WHERE (export-sql.ts) uses.
const iv = table("Intervention", "i");
const tr = table("Trace", "t");
const pb = table("Problem", "p");
const pr = table("Proposal", "pr");
const ji = table("JobItem", "ji");
const au = table("AuditEvent", "a");
const lb = table("FirstErrorLabel", "l");
// Every label the winning rule (lib/core/agreement/winning-label.ts) looks at, newest first, as
// one JSON array; model labels never win, so they are not read.
const LABELS = `(SELECT json_group_array(json_object('source', source, 'annotator', annotator, 'step', step)) FROM (
    SELECT ${lb.source} AS source, ${lb.annotator} AS annotator, ${lb.step} AS step FROM ${lb}
    WHERE ${lb.traceId} = ${tr.id} AND ${lb.source} IN ('final', 'human', 'imported') ORDER BY ${lb.updatedAt} DESC, ${lb.id} ASC) x)`;

type Db = Sqlite;

/**
 * Runs `sql` batch after batch: its last parameters are the cursor (from the previous
 * batch's last row) and the LIMIT. The cursor must follow an index so no batch re-reads
 * or re-sorts what came before.
 */
function* batches<R>(db: Db, sql: string, params: unknown[], start: unknown[], next: (last: R) => unknown[], o: ExportOptions): Generator<R[]> {
  const st = db.prepare<unknown[], R>(sql);
  const take = o.batchSize ?? EXPORT_BATCH;
  let cursor = start;
  for (;;) {
    const rows = st.all(...params, ...cursor, take);
    o.onBatch?.(rows.length);
    if (rows.length) yield rows;
    if (rows.length < take) return;
    cursor = next(rows[rows.length - 1]);
  }
}

export type IvRow = {
  id: string; location: number; content: string; status: string; origin: string; author: string; originalContent: string | null;
  provenance: string; createdAt: string; updatedAt: string; traceId: string; text: string; generator: string; traceOrigin: string;
  traceExternalId: string | null; correct: number | null; problemId: string; statement: string; answer: string;
  referenceSolution: string; problemExternalId: string | null; humanLabel: string | null; lastChange: string | null;
  verified: number | null; rolloutsCorrect: number;
  // the proposal an intervention came from (provenance.json: template, proposer, job)
  proposalId: string | null; templateId: string | null; templateHash: string | null; proposalModel: string | null;
  proposalSampling: string | null; proposalJobItemId: string | null; proposalJobId: string | null;
};

/** Every selected intervention row with its build result (or why it was dropped before building). */
function* built(db: Db, o: ExportOptions, counts: ExportCounts, enc: SftEncoder | undefined, tally: boolean) {
  const format = o.format;
  const f = traceFilterSql(o.datasetId, o.filter ?? {});
  const statuses = counts.statuses ?? [];
  if (statuses.length === 0) return;
  const sql = `SELECT ${iv.id}, ${iv.location}, ${iv.content}, ${iv.status}, ${iv.origin}, ${iv.author}, ${iv.originalContent}, ${iv.provenance},
      ${iv.createdAt}, ${iv.updatedAt}, ${iv.verified}, ${iv.rolloutsCorrect}, ${iv.proposalId}, ${pr.templateId}, ${pr.templateHash},
      ${pr.model} AS proposalModel, ${pr.sampling} AS proposalSampling, ${pr.jobItemId} AS proposalJobItemId, ${ji.jobId} AS proposalJobId,
      ${tr.id} AS traceId, ${tr.text}, ${tr.generator}, ${tr.origin} AS traceOrigin, ${tr.externalId} AS traceExternalId, ${tr.correct},
      ${pb.id} AS problemId, ${pb.statement}, ${pb.answer}, ${pb.referenceSolution}, ${pb.externalId} AS problemExternalId, ${LABELS} AS humanLabel,
      (SELECT json_object('actor', ${au.actor}, 'at', ${au.createdAt}) FROM ${au}
        WHERE ${au.entity} = 'Intervention' AND ${au.entityId} = ${iv.id} ORDER BY ${au.createdAt} DESC, ${au.id} DESC LIMIT 1) AS lastChange
    FROM ${iv} JOIN ${tr} ON ${tr.id} = ${iv.traceId} JOIN ${pb} ON ${pb.id} = ${tr.problemId}
      LEFT JOIN ${pr} ON ${pr.id} = ${iv.proposalId} LEFT JOIN ${ji} ON ${ji.id} = ${pr.jobItemId}
    WHERE ${iv.status} IN (${statuses.map(() => "?").join(", ")}) AND ${f.sql}
      AND ${tr.id} >= ? AND (${tr.id} > ? OR ${iv.id} > ?)
    ORDER BY ${tr.id}, ${iv.id} LIMIT ?`;
  // Ordered by (trace, intervention): the trace index drives the walk. Ordering by
  // intervention id alone made SQLite sort every selected row for every batch.
  const next = (r: IvRow) => [r.traceId, r.traceId, r.id];
  for (const batch of batches<IvRow>(db, sql, [...statuses, ...f.params], ["", "", ""], next, o)) {
    for (const r of batch) {
      if (tally) counts.selected = (counts.selected ?? 0) + 1;
      const drop = counts.droppedUnverified ? unverifiedReason(bool(r.verified)) : null;
      if (drop) {
        if (tally) counts.droppedUnverified![drop]++;
        continue;
      }
      const res: BuildResult<unknown> = buildInterventionRow(format, {
        problem: { id: r.problemId, statement: r.statement, answer: r.answer, referenceSolution: r.referenceSolution, externalId: r.problemExternalId },
        trace: { id: r.traceId, text: r.text, generator: r.generator, externalId: r.traceExternalId, correct: bool(r.correct) },
        intervention: {
          id: r.id, location: r.location, content: r.content, status: r.status, origin: r.origin, author: r.author,
          originalContent: r.originalContent, provenance: r.provenance, createdAt: r.createdAt, updatedAt: r.updatedAt,
          lastChange: r.lastChange === null ? null : JSON.parse(r.lastChange),
        },
        humanLabel: label(r.humanLabel),
      }, enc);
      if (!res.ok && tally) skip(counts, res);
      yield { r, res };
    }
    o.facts?.flush(db);
  }
}

/**
 * "all": every row that builds. "one": a first pass offers every row that builds to the
 * picker (and does the counting), a second pass writes only each problem's kept row.
 */
function* interventionRows(db: Db, o: ExportOptions, counts: ExportCounts, enc?: SftEncoder) {
  const perProblem = new PerProblemTally();
  if (counts.perProblem !== "one") {
    for (const { r, res } of built(db, o, counts, enc, true)) {
      if (!res.ok) continue;
      perProblem.add(counts, r.problemId);
      o.facts?.add(r);
      yield res.row;
    }
    return;
  }
  const pick = new OnePerProblem();
  let buildable = 0;
  for (const { r, res } of built(db, o, counts, enc, true)) {
    if (!res.ok) continue;
    buildable++;
    pick.offer({ problemId: r.problemId, interventionId: r.id, status: r.status, rolloutsCorrect: r.rolloutsCorrect, createdAt: r.createdAt });
  }
  for (const { r, res } of built(db, o, counts, enc, false)) {
    if (!res.ok || !pick.chosen(r.problemId, r.id)) continue;
    perProblem.add(counts, r.problemId);
    o.facts?.add(r);
    yield res.row;
  }
  o.facts?.flush(db);
  counts.droppedPerProblem = buildable - counts.written;
  counts.decidedBy = pick.decidedBy();
}

export type TraceRow = {
  id: string; text: string; generator: string; traceOrigin: string; externalId: string | null; correct: number | null; statement: string;
  labels: string | null;
};

function* traceRows(db: Db, o: ExportOptions, counts: ExportCounts) {
  const f = traceFilterSql(o.datasetId, o.filter ?? {});
  const sql = `SELECT ${tr.id}, ${tr.text}, ${tr.generator}, ${tr.origin} AS traceOrigin, ${tr.externalId}, ${tr.correct}, ${pb.statement},
      ${LABELS} AS labels
    FROM ${tr} JOIN ${pb} ON ${pb.id} = ${tr.problemId}
    WHERE ${f.sql} AND ${tr.id} > ? ORDER BY ${tr.id} LIMIT ?`;
  for (const batch of batches<TraceRow>(db, sql, f.params, [""], (r) => [r.id], o)) {
    for (const r of batch) {
      const res = buildTraceRow(o.format, {
        problem: { statement: r.statement },
        trace: { id: r.id, text: r.text, generator: r.generator, externalId: r.externalId, correct: bool(r.correct) },
        labels: labelsOf(r.labels),
      });
      if (res.ok) {
        counts.written++;
        o.facts?.addTrace(r);
        yield res.row;
      } else skip(counts, res);
    }
    o.facts?.flush(db);
  }
}

export async function findDatasetForExport(by: { id: string } | { name: string }, db: Tx = prisma) {
  return db.dataset.findUnique({ where: by, select: { id: true, name: true } });
}

