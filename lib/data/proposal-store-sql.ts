import { parseIntervention, type ParseResult } from "@/lib/core/parse-intervention";
import { deriveTraceStatus } from "@/lib/core/status";
import { interventionHash } from "@/lib/data/interventions";
import { newId } from "@/lib/data/ids";
import { read, stmt, writeTx } from "@/lib/data/stage-db";
import { nowText } from "@/lib/data/sqlite";
import { modelLabelNote, parsedFields, proposalProvenance, type ProposalInput } from "./proposal-store";

// The propose job's per-item hot path in SQL (lib/data/stage-db.ts): one read of what an item
// needs, the turn-1 reply kept as a pending proposal, and the finished proposal with its label,
// intervention and trace status in one transaction. It is the twin of storeProposal/applyParsed
// (./proposal-store.ts, which batch import and re-parse use); proposal-store-sql.test.ts holds them to the same rows.

/** parseReason of a proposal whose turn 1 is stored and turn 2 not yet (job items and batch imports). */
import { PENDING_REASON } from "@/lib/core/propose/outcome";
export { PENDING_REASON };

export type ItemTrace = { id: string; text: string; stepCount: number; problem: { statement: string; referenceSolution: string; answer: string } };
export type ExistingProposal = { id: string; parseOk: boolean; parseReason: string | null; turn1Raw: string; sampling: string };

type ItemRow = {
  id: string; text: string; stepCount: number; statement: string; referenceSolution: string; answer: string;
  pid: string | null; parseOk: number | null; parseReason: string | null; turn1Raw: string | null; sampling: string | null;
};

/** The trace, its problem and this item's stored proposal (finished or pending), in one statement. */
export async function readProposeItem(traceId: string, jobItemId: string, sample: number): Promise<{ trace: ItemTrace; existing: ExistingProposal | null } | null> {
  const r = await read(() => stmt<ItemRow>(`
    SELECT t."id", t."text", t."stepCount", p."statement", p."referenceSolution", p."answer",
           pr."id" AS "pid", pr."parseOk", pr."parseReason", pr."turn1Raw", pr."sampling"
    FROM "Trace" t JOIN "Problem" p ON p."id" = t."problemId"
    LEFT JOIN "Proposal" pr ON pr."traceId" = t."id" AND pr."jobItemId" = ? AND pr."sample" = ?
    WHERE t."id" = ?`).get(jobItemId, sample, traceId));
  if (!r) return null;
  const trace = { id: r.id, text: r.text, stepCount: Number(r.stepCount), problem: { statement: r.statement, referenceSolution: r.referenceSolution, answer: r.answer } };
  const existing = r.pid === null ? null : { id: r.pid, parseOk: !!r.parseOk, parseReason: r.parseReason, turn1Raw: r.turn1Raw ?? "", sampling: r.sampling ?? "{}" };
  return { trace, existing };
}

/** Every stored proposal of one job item (a shared-turn-1 item holds K samples), by sample. */
export async function readItemProposals(traceId: string, jobItemId: string): Promise<(ExistingProposal & { sample: number })[]> {
  const rows = await read(() => stmt<{ id: string; sample: number; parseOk: number; parseReason: string | null; turn1Raw: string; sampling: string }>(`
    SELECT "id", "sample", "parseOk", "parseReason", "turn1Raw", "sampling" FROM "Proposal"
    WHERE "traceId" = ? AND "jobItemId" = ? ORDER BY "sample"`).all(traceId, jobItemId));
  return rows.map((r) => ({ id: r.id, sample: Number(r.sample), parseOk: !!r.parseOk, parseReason: r.parseReason, turn1Raw: r.turn1Raw, sampling: r.sampling }));
}

export type PendingTurn1 = Pick<ProposalInput, "traceId" | "jobItemId" | "sample" | "templateId" | "templateHash" | "model" | "sampling" | "turn1Raw">;

/** Keep a turn-1 reply durably (a pending proposal, as batch import does), so a retry or a restart asks only turn 2. */
export async function savePendingTurn1(x: PendingTurn1): Promise<void> {
  await savePendingTurn1Many([x]);
}

/** The same for several samples sharing one turn-1 reply, in one transaction. */
export async function savePendingTurn1Many(xs: PendingTurn1[]): Promise<void> {
  await writeTx(() => xs.forEach((x) => stmt(`
    INSERT INTO "Proposal" ("id", "traceId", "jobItemId", "sample", "templateId", "templateHash", "model", "sampling", "turn1Raw", "parseOk", "parseReason", "createdAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
    ON CONFLICT ("traceId", "jobItemId", "sample") DO NOTHING`).run(
    newId(), x.traceId, x.jobItemId, x.sample, x.templateId, x.templateHash, x.model, JSON.stringify(x.sampling), x.turn1Raw, PENDING_REASON, nowText(),
  )));
}

export type StoredFast = { proposalId: string; parse: ParseResult; location: number | null; interventionId: string | null; labelCreated: boolean };

const DATA_COLS = ["templateId", "templateHash", "model", "sampling", "turn1Raw", "turn2Raw", "promptTokens", "truncated", "parseOk", "parseReason", "location", "content", "verificationLog", "errorReport"];
const UPSERT = `
  INSERT INTO "Proposal" ("id", "traceId", "jobItemId", "sample", ${DATA_COLS.map((c) => `"${c}"`).join(", ")}, "createdAt")
  VALUES (${Array(DATA_COLS.length + 5).fill("?").join(", ")})
  ON CONFLICT ("traceId", "jobItemId", "sample") DO UPDATE SET ${DATA_COLS.map((c) => `"${c}" = excluded."${c}"`).join(", ")}
  RETURNING "id"`;

/** storeProposal (./proposal-store.ts) in one SQL transaction: upsert the proposal, then its label, intervention and trace status. */
export async function storeProposalFast(input: ProposalInput, ctx: { stepCount: number; answer: string }): Promise<StoredFast> {
  const parse = parseIntervention(input.turn2Raw, { stepCount: ctx.stepCount, answer: ctx.answer });
  const f = parsedFields(parse);
  const contentHash = f.parseOk && f.location !== null && f.content !== null ? interventionHash(f.location, f.content) : null;
  return writeTx(() => {
    const now = nowText();
    const { id } = stmt<{ id: string }>(UPSERT).get(
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

/** noErrorLabel (./proposal-store.ts): the model's "no error" label, created once per model; runs inside writeTx. */
function noErrorLabelSql(input: ProposalInput, proposalId: string, now: string): boolean {
  const exists = stmt(`SELECT 1 FROM "FirstErrorLabel" WHERE "traceId" = ? AND "source" = 'model' AND "annotator" = ?`).get(input.traceId, input.model);
  if (exists) return false;
  stmt(`INSERT INTO "FirstErrorLabel" ("id", "traceId", "step", "source", "annotator", "note", "proposalId", "createdAt", "updatedAt") VALUES (?, ?, NULL, 'model', ?, ?, ?, ?, ?)`)
    .run(newId(), input.traceId, input.model, modelLabelNote(input.sample), proposalId, now, now);
  return true;
}

type Applied = { interventionId: string | null; labelCreated: boolean };
type ProposalRef = Parameters<typeof proposalProvenance>[0] & { traceId: string };

/** applyParsed (./proposal-store.ts) for an ok parse; runs inside writeTx. */
function applyParsedSql(p: ProposalRef, iv: { location: number; content: string; contentHash: string }, jobId: string | null | undefined, now: string): Applied {
  const t = stmt<{ status: string; hasIntervention: number; humanStep: number | null }>(`SELECT "status", "hasIntervention", "humanStep" FROM "Trace" WHERE "id" = ?`).get(p.traceId);
  if (!t) return { interventionId: null, labelCreated: false };
  const labels = stmt<{ source: string; step: number | null }>(`
    SELECT "source", "step" FROM "FirstErrorLabel"
    WHERE "traceId" = ? AND ("source" = 'human' OR ("source" = 'model' AND "annotator" = ?))
    ORDER BY "updatedAt" DESC, "id" DESC`).all(p.traceId, p.model);
  const ivs = stmt<{ id: string; status: string; contentHash: string }>(`SELECT "id", "status", "contentHash" FROM "Intervention" WHERE "traceId" = ?`).all(p.traceId);
  const labelCreated = !labels.some((l) => l.source === "model");
  if (labelCreated) {
    stmt(`INSERT INTO "FirstErrorLabel" ("id", "traceId", "step", "source", "annotator", "note", "proposalId", "createdAt", "updatedAt") VALUES (?, ?, ?, 'model', ?, ?, ?, ?, ?)`)
      .run(newId(), p.traceId, iv.location, p.model, modelLabelNote(p.sample), p.id, now, now);
  }
  const same = ivs.find((i) => i.contentHash === iv.contentHash);
  if (same) return { interventionId: same.id, labelCreated };
  const interventionId = newId();
  stmt(`
    INSERT INTO "Intervention" ("id", "traceId", "location", "content", "status", "origin", "author", "provenance", "contentHash", "proposalId", "createdAt", "updatedAt")
    VALUES (?, ?, ?, ?, 'proposed', 'model', ?, ?, ?, ?, ?, ?)`)
    .run(interventionId, p.traceId, iv.location, iv.content, p.model, JSON.stringify(proposalProvenance(p, jobId)), iv.contentHash, p.id, now, now);
  const human = labels.find((l) => l.source === "human") ?? null;
  const humanStep = human?.step ?? null;
  const d = deriveTraceStatus({ humanLabel: human, interventionStatuses: [...ivs.map((i) => i.status), "proposed"] });
  if (d.status !== t.status || d.hasIntervention !== !!t.hasIntervention || humanStep !== t.humanStep) {
    stmt(`UPDATE "Trace" SET "status" = ?, "hasIntervention" = ?, "humanStep" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ?`)
      .run(d.status, d.hasIntervention ? 1 : 0, humanStep, now, p.traceId);
  }
  return { interventionId, labelCreated };
}
