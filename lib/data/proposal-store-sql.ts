import { parseIntervention, type ParseResult } from "@/lib/core/parse-intervention";
import { deriveTraceStatus } from "@/lib/core/status";
import { interventionHash } from "@/lib/data/interventions";
import { newId } from "@/lib/data/ids";
import { read, stmt, writeTx } from "@/lib/data/stage-db";
import { nowText } from "@/lib/data/sqlite";
import { modelLabelNote, parsedFields, proposalProvenance, type ProposalInput } from "./proposal-store";
import { columns, insertSql, table, type Column, type Row } from "./sql-types";

// The propose job's per-item hot path in SQL (lib/data/stage-db.ts): one read of what an item
// needs, the turn-1 reply kept as a pending proposal, and the finished proposal with its label,
// intervention and trace status in one transaction. It is the twin of storeProposal/applyParsed
// (./proposal-store.ts, which batch import and re-parse use); proposal-store-sql.test.ts holds them to the same rows.

/** parseReason of a proposal whose turn 1 is stored and turn 2 not yet (job items and batch imports). */
import { PENDING_REASON } from "@/lib/core/propose/outcome";
export { PENDING_REASON };

export type ItemTrace = { id: string; text: string; stepCount: number; problem: { statement: string; referenceSolution: string; answer: string } };
export type ExistingProposal = { id: string; parseOk: boolean; parseReason: string | null; turn1Raw: string; sampling: string };

// Statements are built once (names checked against the schema by tsc: ./sql-types.ts) and
// prepared once per connection by stmt().
const tr = table("Trace", "t");
const pb = table("Problem", "p");
const pr = table("Proposal", "pr");
const P = table("Proposal");
const L = table("FirstErrorLabel");
const I = table("Intervention");
const T = table("Trace");

type ItemRow = Row<"Trace", "id" | "text" | "stepCount"> & Row<"Problem", "statement" | "referenceSolution" | "answer"> & {
  pid: string | null; parseOk: number | null; parseReason: string | null; turn1Raw: string | null; sampling: string | null;
};
const READ_ITEM = `
    SELECT ${tr.id}, ${tr.text}, ${tr.stepCount}, ${pb.statement}, ${pb.referenceSolution}, ${pb.answer},
           ${pr.id} AS "pid", ${pr.parseOk}, ${pr.parseReason}, ${pr.turn1Raw}, ${pr.sampling}
    FROM ${tr} JOIN ${pb} ON ${pb.id} = ${tr.problemId}
    LEFT JOIN ${pr} ON ${pr.traceId} = ${tr.id} AND ${pr.jobItemId} = ? AND ${pr.sample} = ?
    WHERE ${tr.id} = ?`;

/** The trace, its problem and this item's stored proposal (finished or pending), in one statement. */
export async function readProposeItem(traceId: string, jobItemId: string, sample: number): Promise<{ trace: ItemTrace; existing: ExistingProposal | null } | null> {
  const r = await read(() => stmt<ItemRow>(READ_ITEM).get(jobItemId, sample, traceId));
  if (!r) return null;
  const trace = { id: r.id, text: r.text, stepCount: Number(r.stepCount), problem: { statement: r.statement, referenceSolution: r.referenceSolution, answer: r.answer } };
  const existing = r.pid === null ? null : { id: r.pid, parseOk: !!r.parseOk, parseReason: r.parseReason, turn1Raw: r.turn1Raw ?? "", sampling: r.sampling ?? "{}" };
  return { trace, existing };
}

type ItemProposalCol = "id" | "sample" | "parseOk" | "parseReason" | "turn1Raw" | "sampling";
const READ_ITEM_PROPOSALS = `
    SELECT ${columns("Proposal", ["id", "sample", "parseOk", "parseReason", "turn1Raw", "sampling"] satisfies ItemProposalCol[])} FROM ${P}
    WHERE ${P.traceId} = ? AND ${P.jobItemId} = ? ORDER BY ${P.sample}`;

/** Every stored proposal of one job item (a shared-turn-1 item holds K samples), by sample. */
export async function readItemProposals(traceId: string, jobItemId: string): Promise<(ExistingProposal & { sample: number })[]> {
  const rows = await read(() => stmt<Row<"Proposal", ItemProposalCol>>(READ_ITEM_PROPOSALS).all(traceId, jobItemId));
  return rows.map((r) => ({ id: r.id, sample: Number(r.sample), parseOk: !!r.parseOk, parseReason: r.parseReason, turn1Raw: r.turn1Raw, sampling: r.sampling }));
}

export type PendingTurn1 = Pick<ProposalInput, "traceId" | "jobItemId" | "sample" | "templateId" | "templateHash" | "model" | "sampling" | "turn1Raw">;

const SAVE_PENDING = `${insertSql("Proposal", ["id", "traceId", "jobItemId", "sample", "templateId", "templateHash", "model", "sampling", "turn1Raw", "parseOk", "parseReason", "createdAt"], { literals: { parseOk: "0" } })}
    ON CONFLICT (${P.traceId}, ${P.jobItemId}, ${P.sample}) DO NOTHING`;

/** Keep a turn-1 reply durably (a pending proposal, as batch import does), so a retry or a restart asks only turn 2. */
export async function savePendingTurn1(x: PendingTurn1): Promise<void> {
  await savePendingTurn1Many([x]);
}

/** The same for several samples sharing one turn-1 reply, in one transaction. */
export async function savePendingTurn1Many(xs: PendingTurn1[]): Promise<void> {
  await writeTx(() => xs.forEach((x) => stmt(SAVE_PENDING).run(
    newId(), x.traceId, x.jobItemId, x.sample, x.templateId, x.templateHash, x.model, JSON.stringify(x.sampling), x.turn1Raw, PENDING_REASON, nowText(),
  )));
}

export type StoredFast = { proposalId: string; parse: ParseResult; location: number | null; interventionId: string | null; labelCreated: boolean };

const DATA_COLS: Column<"Proposal">[] = ["templateId", "templateHash", "model", "sampling", "turn1Raw", "turn2Raw", "promptTokens", "truncated", "parseOk", "parseReason", "location", "content", "verificationLog", "errorReport"];
const UPSERT = `
  ${insertSql("Proposal", ["id", "traceId", "jobItemId", "sample", ...DATA_COLS, "createdAt"])}
  ON CONFLICT (${P.traceId}, ${P.jobItemId}, ${P.sample}) DO UPDATE SET ${DATA_COLS.map((c) => `${P[c]} = excluded.${P[c]}`).join(", ")}
  RETURNING ${P.id}`;

/** storeProposal (./proposal-store.ts) in one SQL transaction: upsert the proposal, then its label, intervention and trace status. */
export async function storeProposalFast(input: ProposalInput, ctx: { stepCount: number; answer: string }): Promise<StoredFast> {
  const parse = parseIntervention(input.turn2Raw, { stepCount: ctx.stepCount, answer: ctx.answer });
  const f = parsedFields(parse);
  const contentHash = f.parseOk && f.location !== null && f.content !== null ? interventionHash(f.location, f.content) : null;
  return writeTx(() => {
    const now = nowText();
    const { id } = stmt<Row<"Proposal", "id">>(UPSERT).get(
      newId(), input.traceId, input.jobItemId, input.sample, input.templateId, input.templateHash, input.model, JSON.stringify(input.sampling),
      input.turn1Raw, input.turn2Raw, input.promptTokens, input.truncated ? 1 : 0, f.parseOk ? 1 : 0, f.parseReason, f.location, f.content,
      f.verificationLog, f.errorReport, now,
    ) as { id: string };
    const out: StoredFast = { proposalId: id, parse, location: f.location, interventionId: null, labelCreated: false };
    if (f.parseOk && f.location === null && f.content === null) return { ...out, labelCreated: noErrorLabelSql(input, id, now) };
    if (contentHash === null || f.location === null || f.content === null) return out;
    const p = { id, traceId: input.traceId, jobItemId: input.jobItemId, sample: input.sample, model: input.model, templateId: input.templateId, templateHash: input.templateHash };
    return { ...out, ...applyParsedSql(p, { location: f.location, content: f.content, contentHash }, input.jobId, now) };
  });
}

const LABEL_COLS: Column<"FirstErrorLabel">[] = ["id", "traceId", "step", "source", "annotator", "note", "proposalId", "createdAt", "updatedAt"];
const MODEL_LABEL_EXISTS = `SELECT 1 FROM ${L} WHERE ${L.traceId} = ? AND ${L.source} = 'model' AND ${L.annotator} = ?`;
const INSERT_NO_ERROR_LABEL = insertSql("FirstErrorLabel", LABEL_COLS, { literals: { step: "NULL", source: "'model'" } });
const INSERT_MODEL_LABEL = insertSql("FirstErrorLabel", LABEL_COLS, { literals: { source: "'model'" } });
const READ_TRACE_STATE = `SELECT ${columns("Trace", ["status", "hasIntervention", "humanStep"])} FROM ${T} WHERE ${T.id} = ?`;
const READ_LABELS = `
    SELECT ${L.source}, ${L.step} FROM ${L}
    WHERE ${L.traceId} = ? AND (${L.source} IN ('final', 'human') OR (${L.source} = 'model' AND ${L.annotator} = ?))
    ORDER BY ${L.updatedAt} DESC, ${L.id} DESC`;
const READ_INTERVENTIONS = `SELECT ${columns("Intervention", ["id", "status", "contentHash"])} FROM ${I} WHERE ${I.traceId} = ?`;
const INSERT_INTERVENTION = insertSql(
  "Intervention",
  ["id", "traceId", "location", "content", "status", "origin", "author", "provenance", "contentHash", "proposalId", "createdAt", "updatedAt"],
  { literals: { status: "'proposed'", origin: "'model'" } },
);
const UPDATE_TRACE_STATE = `UPDATE ${T} SET ${T.status} = ?, ${T.hasIntervention} = ?, ${T.humanStep} = ?, ${T.version} = ${T.version} + 1, ${T.updatedAt} = ? WHERE ${T.id} = ?`;

/** noErrorLabel (./proposal-store.ts): the model's "no error" label, created once per model; runs inside writeTx. */
function noErrorLabelSql(input: ProposalInput, proposalId: string, now: string): boolean {
  const exists = stmt(MODEL_LABEL_EXISTS).get(input.traceId, input.model);
  if (exists) return false;
  stmt(INSERT_NO_ERROR_LABEL)
    .run(newId(), input.traceId, input.model, modelLabelNote(input.sample), proposalId, now, now);
  return true;
}

type Applied = { interventionId: string | null; labelCreated: boolean };
type ProposalRef = Parameters<typeof proposalProvenance>[0] & { traceId: string };

/** applyParsed (./proposal-store.ts) for an ok parse; runs inside writeTx. */
function applyParsedSql(p: ProposalRef, iv: { location: number; content: string; contentHash: string }, jobId: string | null | undefined, now: string): Applied {
  const t = stmt<Row<"Trace", "status" | "hasIntervention" | "humanStep">>(READ_TRACE_STATE).get(p.traceId);
  if (!t) return { interventionId: null, labelCreated: false };
  const labels = stmt<Row<"FirstErrorLabel", "source" | "step">>(READ_LABELS).all(p.traceId, p.model);
  const ivs = stmt<Row<"Intervention", "id" | "status" | "contentHash">>(READ_INTERVENTIONS).all(p.traceId);
  const labelCreated = !labels.some((l) => l.source === "model");
  if (labelCreated) {
    stmt(INSERT_MODEL_LABEL)
      .run(newId(), p.traceId, iv.location, p.model, modelLabelNote(p.sample), p.id, now, now);
  }
  const same = ivs.find((i) => i.contentHash === iv.contentHash);
  if (same) return { interventionId: same.id, labelCreated };
  const interventionId = newId();
  stmt(INSERT_INTERVENTION)
    .run(interventionId, p.traceId, iv.location, iv.content, p.model, JSON.stringify(proposalProvenance(p, jobId)), iv.contentHash, p.id, now, now);
  // the trace's label as recomputeTrace (lib/data/traces.ts) has it: the final label, else the newest person's
  const human = labels.find((l) => l.source === "final") ?? labels.find((l) => l.source === "human") ?? null;
  const humanStep = human?.step ?? null;
  const d = deriveTraceStatus({ humanLabel: human, interventionStatuses: [...ivs.map((i) => i.status), "proposed"] });
  if (d.status !== t.status || d.hasIntervention !== !!t.hasIntervention || humanStep !== t.humanStep) {
    stmt(UPDATE_TRACE_STATE)
      .run(d.status, d.hasIntervention ? 1 : 0, humanStep, now, p.traceId);
  }
  return { interventionId, labelCreated };
}
