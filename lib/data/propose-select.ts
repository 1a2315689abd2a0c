import { prisma } from "@/lib/db";
import { decideSelection, type AnswerCheck, type Selection, type SelectionTrace } from "@/lib/core/propose/selection";
import { ensureAnswerChecks } from "./answer-check";
import { filteredTraceIds } from "./trace-list";
import type { ProposeParams } from "@/lib/propose/params";
import { table, type Row } from "./sql-types";

// The traces a propose run sends (issue 12 §1): the list's filter (lib/data/trace-list-sql.ts,
// the one filter definition) or explicit ids, then lib/core/propose/selection.ts decides:
// correct answers skipped, problems without a reference refused, unless a person includes them.
// Everything per trace is read from indexes (answer check, problem id), never the trace row.

type SelectParams = Pick<ProposeParams, "filter" | "traceIds" | "limit" | "skipDone" | "model" | "includeCorrect" | "includeNoReference">;

// (names checked against the schema by tsc: ./sql-types.ts)
const T = table("Trace");
const P = table("Problem");
const tr = table("Trace", "t");
const pr = table("Proposal", "pr");
const CHECKS = `SELECT ${T.id}, ${T.answerCheck} FROM ${T} INDEXED BY "Trace_datasetId_answerCheck_id_idx" WHERE ${T.datasetId} = ?`;
const NO_REFERENCE = `SELECT ${tr.id} FROM ${tr} WHERE ${tr.problemId} IN (SELECT ${P.id} FROM ${P} WHERE ${P.datasetId} = ? AND trim(${P.referenceSolution}) = '')`;
const DONE = `SELECT DISTINCT ${pr.traceId} FROM ${pr} JOIN ${tr} ON ${tr.id} = ${pr.traceId} WHERE ${tr.datasetId} = ? AND ${pr.model} = ? AND ${pr.parseOk} = 1`;

async function datasetFacts(datasetId: string) {
  await ensureAnswerChecks(datasetId);
  const [checks, noRef] = await Promise.all([
    prisma.$queryRawUnsafe<Row<"Trace", "id" | "answerCheck">[]>(CHECKS, datasetId),
    prisma.$queryRawUnsafe<Row<"Trace", "id">[]>(NO_REFERENCE, datasetId),
  ]);
  return { check: new Map(checks.map((r) => [r.id, (r.answerCheck ?? "unknown") as AnswerCheck])), noRef: new Set(noRef.map((r) => r.id)) };
}

async function doneIds(datasetId: string, model: string): Promise<Set<string>> {
  const rows = await prisma.$queryRawUnsafe<Row<"Proposal", "traceId">[]>(DONE, datasetId, model);
  return new Set(rows.map((r) => r.traceId));
}

/** The decided selection of a propose run over one dataset: ids to send (id order) and the counts. */
export async function proposeSelection(p: SelectParams, datasetId: string | null): Promise<Selection> {
  const o = { includeCorrect: p.includeCorrect ?? false, includeNoReference: p.includeNoReference ?? false };
  if (!datasetId) {
    // a job without a dataset: explicit ids, each dataset's facts read in turn
    const rows = await prisma.trace.findMany({ where: { id: { in: p.traceIds ?? [] } }, select: { id: true, datasetId: true }, orderBy: { id: "asc" } });
    const byDs = new Map<string, string[]>();
    for (const r of rows) byDs.set(r.datasetId, [...(byDs.get(r.datasetId) ?? []), r.id]);
    const traces: SelectionTrace[] = [];
    for (const [ds, ids] of byDs) traces.push(...(await describeTraces(ds, ids, p)));
    traces.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return decideSelection(traces, o, p.limit);
  }
  let ids = await filteredTraceIds(datasetId, p.filter ?? {});
  if (p.traceIds) {
    const wanted = new Set(p.traceIds);
    ids = ids.filter((id) => wanted.has(id));
  }
  return decideSelection(await describeTraces(datasetId, ids, p), o, p.limit);
}

async function describeTraces(datasetId: string, ids: string[], p: SelectParams): Promise<SelectionTrace[]> {
  const [facts, done] = await Promise.all([datasetFacts(datasetId), p.skipDone ? doneIds(datasetId, p.model) : Promise.resolve(new Set<string>())]);
  return ids.map((id) => ({ id, answer: facts.check.get(id) ?? "unknown", hasReference: !facts.noRef.has(id), done: done.has(id) }));
}

/** Trace ids a propose run covers (see proposeSelection). */
export async function selectTraces(p: SelectParams, datasetId: string | null): Promise<string[]> {
  return (await proposeSelection(p, datasetId)).send;
}
