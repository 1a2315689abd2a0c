import { prisma } from "@/lib/db";
import { factsOf, itemOutcome, outcomeTotals, type Outcome } from "@/lib/core/job-outcome";
import { HELD_BACK_CODE } from "@/lib/core/propose/outcome";
import { parseObject } from "./job-store";
import { columns, table, type Row } from "./sql-types";

// Per-item outcomes of one job for the jobs page, its totals and the outcomes CSV. Jobs reach
// 100,000 items: a page is one indexed range read over (jobId, key) with the small columns only
// (the result summary and payload are a few dozen bytes; no model text), plus one lookup each
// for the page's traces, interventions and rollout verdicts. Totals are one GROUP BY over the
// facts the outcome depends on; `itemOutcome` (lib/core) names each group.

export const OUTCOME_FILTERS = ["all", "failed", "held-back"] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

export type OutcomeRow = {
  id: string; key: string; status: string; outcome: Outcome; attempts: number; error: string | null;
  traceId: string | null; traceDatasetId: string | null; interventionId: string | null; proposalId: string | null;
  problemId: string | null; condition: string | null; location: number | null; reason: string | null;
  samples: number | null; correct: number | null; verdicts: Record<string, number>; updatedAt: string;
};
export type OutcomePage = { rows: OutcomeRow[]; next: string | null };
export type OutcomeTotals = { items: { outcome: Outcome; n: number }[]; samples: number; correct: number; verdicts: Record<string, number> };

type ItemCol = "id" | "key" | "status" | "attempts" | "error" | "payload" | "result" | "updatedAt";
// raw reads through Prisma: integers may come back as bigint, DateTime as a Date
type ItemRow = Omit<Row<"JobItem", ItemCol>, "attempts" | "updatedAt"> & { attempts: number | bigint; updatedAt: Date | string };

// the stored reason starts "answer_leak: ..." (exact prefix: LIKE would read its "_" as a wildcard)
const HELD_BACK_PREFIX = `${HELD_BACK_CODE}:`;
const HELD_BACK_LEN = HELD_BACK_PREFIX.length;

// (names checked against the schema by tsc: ./sql-types.ts)
const I = table("JobItem");
const ITEM_PAGE = `SELECT ${columns("JobItem", ["id", "key", "status", "attempts", "error", "payload", "result", "updatedAt"] satisfies ItemCol[])} FROM ${I}`;
const PAGE_FAILED = `${ITEM_PAGE}
          WHERE ${I.jobId} = ? AND ${I.status} = 'failed' AND ${I.key} > ? ORDER BY ${I.key} LIMIT ?`;
const PAGE_HELD_BACK = `${ITEM_PAGE}
            WHERE ${I.jobId} = ? AND ${I.status} = 'done' AND (substr(json_extract(${I.result}, '$.reason'), 1, ?) = ? OR json_extract(${I.result}, '$.heldBack') > 0)
              AND ${I.key} > ? ORDER BY ${I.key} LIMIT ?`;
const PAGE_ALL = `${ITEM_PAGE}
            WHERE ${I.jobId} = ? AND ${I.key} > ? ORDER BY ${I.key} LIMIT ?`;
const done = (json: string) => `CASE WHEN ${I.status} = 'done' THEN json_extract(${I.result}, '$.${json}')`;
const FACT_GROUPS = `
    SELECT ${I.status},
      ${done("skipped")} IS NOT NULL ELSE 0 END AS "skipped",
      ${done("parseOk")} END AS "parseOk",
      CASE WHEN ${I.status} = 'done' THEN substr(json_extract(${I.result}, '$.reason'), 1, ?) = ? END AS "heldBack",
      ${done("samples")} END AS "samples",
      ${done("correct")} END AS "correct",
      ${done("nllMean")} IS NOT NULL ELSE 0 END AS "scored",
      ${done("noError")} END AS "noError",
      ${done("stored")} END AS "stored",
      ${done("parsed")} END AS "sParsed",
      ${done("heldBack")} END AS "sHeld",
      COUNT(*) AS "n"
    FROM ${I} WHERE ${I.jobId} = ?
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;
const ji = table("JobItem", "i");
const ro = table("Rollout", "r");
const VERDICTS = `
      SELECT ${ro.verdict}, COUNT(*) AS "n" FROM ${ji} JOIN ${ro} ON ${ro.jobItemId} = ${ji.id}
      WHERE ${ji.jobId} = ? AND ${ji.status} = 'done' GROUP BY ${ro.verdict}`;

/** One page of items in key order after `after` (a key; cursor pagination), filtered. */
export async function listOutcomes(jobId: string, opts: { filter?: OutcomeFilter; after?: string | null; take?: number } = {}): Promise<OutcomePage | null> {
  const job = await prisma.job.findUnique({ where: { id: jobId }, select: { kind: true } });
  if (!job) return null;
  const take = Math.min(1000, Math.max(1, opts.take ?? 50));
  const after = opts.after ?? "";
  const filter = opts.filter ?? "all";
  const rows =
    filter === "failed"
      ? await prisma.$queryRawUnsafe<ItemRow[]>(PAGE_FAILED, jobId, after, take + 1)
      : filter === "held-back"
        ? await prisma.$queryRawUnsafe<ItemRow[]>(PAGE_HELD_BACK, jobId, HELD_BACK_LEN, HELD_BACK_PREFIX, after, take + 1)
        : await prisma.$queryRawUnsafe<ItemRow[]>(PAGE_ALL, jobId, after, take + 1);
  const page = rows.slice(0, take);
  return { rows: await enrich(job.kind, page), next: rows.length > take ? page[page.length - 1].key : null };
}

const str = (v: unknown) => (typeof v === "string" ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

async function enrich(kind: string, page: ItemRow[]): Promise<OutcomeRow[]> {
  const items = page.map((r) => ({ r, payload: parseObject(r.payload), result: r.result === null ? null : parseObject(r.result) }));
  const ivIds = [...new Set(items.flatMap(({ payload, result }) => [str(payload.interventionId), str(result?.interventionId)]).filter((x): x is string => !!x))];
  const ivs = ivIds.length ? await prisma.intervention.findMany({ where: { id: { in: ivIds } }, select: { id: true, traceId: true } }) : [];
  const ivTrace = new Map(ivs.map((i) => [i.id, i.traceId]));
  const traceOf = ({ payload }: (typeof items)[number]) => str(payload.traceId) ?? ivTrace.get(str(payload.interventionId) ?? "") ?? null;
  const traceIds = [...new Set(items.map(traceOf).filter((x): x is string => !!x))];
  const traces = traceIds.length ? await prisma.trace.findMany({ where: { id: { in: traceIds } }, select: { id: true, datasetId: true } }) : [];
  const traceDs = new Map(traces.map((t) => [t.id, t.datasetId]));
  const verdicts = new Map<string, Record<string, number>>();
  if (kind === "rollouts" || kind === "sample") {
    const ids = items.filter((i) => i.r.status === "done").map((i) => i.r.id);
    const groups = ids.length ? await prisma.rollout.groupBy({ by: ["jobItemId", "verdict"], where: { jobItemId: { in: ids } }, _count: { _all: true } }) : [];
    for (const g of groups) {
      const m = verdicts.get(g.jobItemId as string) ?? {};
      m[g.verdict] = g._count._all;
      verdicts.set(g.jobItemId as string, m);
    }
  }
  return items.map((it) => {
    const { r, payload, result } = it;
    const res = r.status === "done" ? result : null; // a running item's result is its lease
    const traceId = traceOf(it);
    return {
      id: r.id, key: r.key, status: r.status, outcome: itemOutcome(factsOf(kind, r.status, res)), attempts: Number(r.attempts), error: r.error,
      traceId: traceId && traceDs.has(traceId) ? traceId : null, traceDatasetId: traceId ? (traceDs.get(traceId) ?? null) : null,
      interventionId: str(payload.interventionId) ?? str(res?.interventionId), proposalId: str(res?.proposalId),
      problemId: str(payload.problemId), condition: str(payload.condition) ?? str(res?.condition), location: num(res?.location),
      reason: str(res?.reason) ?? str(res?.skipped), samples: num(res?.samples), correct: num(res?.correct),
      verdicts: verdicts.get(r.id) ?? {}, updatedAt: new Date(r.updatedAt).toISOString(),
    };
  });
}

type FactRow = { status: string; skipped: number | bigint; parseOk: number | bigint | null; heldBack: number | bigint | null;
  noError: number | bigint | null; stored: number | null; sParsed: number | null; sHeld: number | null; samples: number | null; correct: number | null; scored: number | bigint; n: number | bigint };

/** Items by outcome (and, for rollouts / sampling, samples and verdicts) over the whole job. */
export async function jobOutcomeTotals(jobId: string): Promise<OutcomeTotals | null> {
  const job = await prisma.job.findUnique({ where: { id: jobId }, select: { kind: true } });
  if (!job) return null;
  // Only done items have a result summary (a running item's result is its lease).
  const groups = await prisma.$queryRawUnsafe<FactRow[]>(FACT_GROUPS, HELD_BACK_LEN, HELD_BACK_PREFIX, jobId);
  let samples = 0, correct = 0;
  const facts = groups.map((g) => {
    const n = Number(g.n);
    if (g.samples !== null) samples += Number(g.samples) * n;
    if (g.correct !== null) correct += Number(g.correct) * n;
    return {
      n,
      facts: factsOf(job.kind, g.status, g.status !== "done" ? null : {
        ...(Number(g.skipped) ? { skipped: true } : {}),
        ...(g.parseOk === null ? {} : { parseOk: Number(g.parseOk) === 1 }),
        // the group keeps only whether the reason is a held-back one; the fact needs its code
        ...(Number(g.heldBack) ? { reason: `${HELD_BACK_CODE}: ` } : {}),
        samples: g.samples === null ? undefined : Number(g.samples), correct: g.correct === null ? undefined : Number(g.correct),
        ...(Number(g.scored) ? { nllMean: 0 } : {}),
        // shared turn 1 (K proposals per item) keeps its counts; one proposal keeps its flag
        ...(g.stored === null ? (Number(g.noError) ? { noError: true } : {}) : { stored: Number(g.stored), parsed: Number(g.sParsed ?? 0), noError: Number(g.noError ?? 0), heldBack: Number(g.sHeld ?? 0) }),
      }),
    };
  });
  const verdicts: Record<string, number> = {};
  if (job.kind === "rollouts" || job.kind === "sample") {
    const rows = await prisma.$queryRawUnsafe<{ verdict: string; n: number | bigint }[]>(VERDICTS, jobId);
    for (const r of rows) verdicts[r.verdict] = Number(r.n);
  }
  return { items: outcomeTotals(facts), samples, correct, verdicts };
}
