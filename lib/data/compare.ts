import { prisma, type Tx } from "@/lib/db";
import { flipOf, type FlipDirection } from "@/lib/core/compare/flips";
import { estimateTokens } from "@/lib/core/compare/histogram";
import { mathSnippet } from "@/lib/core/snippet";
import { passAtKFromGroups, type PassAtKPoint } from "@/lib/core/compare/pass-at-k-groups";
import { cachedByFingerprint } from "./analysis";
import { pairSql, pairSqlParams } from "./compare-sql";
import { problemAttempts } from "./compare-attempts";
import { writeAudit, Refused } from "./audit";

// Base vs other model on the same problems. One grouped scan of the two models' attempts
// (non-sampled traces + attempt rollouts: lib/data/compare-sql.ts) gives per-(n, c) groups for
// accuracy and pass@k and the flipped problems (at most FLIP_LIMIT). Traces are read from the
// analysis index (never their text); attempt rollouts from their rows.

export const FLIP_LIMIT = 500;

export type SideStats = { problems: number; graded: number; correct: number; accuracy: number | null; meanTokens: number; passAtK: PassAtKPoint[] };
export type Flip = { problemId: string; snippet: string; flip: FlipDirection; a: { n: number; c: number }; b: { n: number; c: number } };
export type PairComparison = { a: SideStats; b: SideStats; common: number; flips: Flip[]; flipCounts: Record<FlipDirection, number> };

const PAIR_SQL = pairSql(FLIP_LIMIT);

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** comparePair, cached like the analysis (one Setting row per dataset and pair). */
export async function getPairComparison(datasetId: string, a: string, b: string, db: Tx = prisma): Promise<PairComparison> {
  return cachedByFingerprint(`compare:${datasetId}:${JSON.stringify([a, b])}`, datasetId, () => comparePair(datasetId, a, b, db), db);
}

export async function comparePair(datasetId: string, a: string, b: string, db: Tx = prisma): Promise<PairComparison> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(PAIR_SQL, ...pairSqlParams(datasetId, a, b));
  const groups = rows.filter((r) => r.kind === "g").map((r) => ({ na: num(r.na), ca: num(r.ca), nb: num(r.nb), cb: num(r.cb), problems: num(r.problems), ta: num(r.ta), ba: num(r.ba), tb: num(r.tb), bb: num(r.bb) }));
  const side = (n: "na" | "nb", c: "ca" | "cb", t: "ta" | "tb", by: "ba" | "bb"): SideStats => {
    const graded = groups.reduce((s, g) => s + g[n] * g.problems, 0);
    const correct = groups.reduce((s, g) => s + g[c] * g.problems, 0);
    const traces = groups.reduce((s, g) => s + g[t], 0);
    const bytes = groups.reduce((s, g) => s + g[by], 0);
    return {
      problems: groups.reduce((s, g) => s + g.problems, 0), graded, correct, accuracy: graded ? correct / graded : null,
      meanTokens: traces ? estimateTokens(bytes / traces) : 0,
      passAtK: passAtKFromGroups(groups.map((g) => ({ n: g[n], c: g[c], problems: g.problems }))),
    };
  };
  const flipCounts: Record<FlipDirection, number> = { fixed: 0, broken: 0 };
  for (const g of groups) {
    const f = flipOf({ n: g.na, c: g.ca }, { n: g.nb, c: g.cb });
    if (f) flipCounts[f] += g.problems;
  }
  const flipRows = rows.filter((r) => r.kind === "f");
  const snippets = new Map(
    (await db.problem.findMany({ where: { id: { in: flipRows.map((r) => String(r.pid)) } }, select: { id: true, statement: true } }))
      .map((p) => [p.id, mathSnippet(p.statement, 160)]),
  );
  const flips: Flip[] = flipRows.map((r) => {
    const fa = { n: num(r.na), c: num(r.ca) };
    const fb = { n: num(r.nb), c: num(r.cb) };
    return { problemId: String(r.pid), snippet: snippets.get(String(r.pid)) ?? "", flip: flipOf(fa, fb)!, a: fa, b: fb };
  });
  return { a: side("na", "ca", "ta", "ba"), b: side("nb", "cb", "tb", "bb"), common: groups.reduce((s, g) => s + g.problems, 0), flips, flipCounts };
}

/** The two most frequent generators (base first by name order when tied), or those asked for. */
export function pickPair(models: { generator: string }[], a?: string, b?: string): { a: string; b: string } | null {
  const names = models.map((m) => m.generator);
  const pa = a && names.includes(a) ? a : names[0];
  const pb = b && names.includes(b) && b !== pa ? b : names.find((n) => n !== pa);
  return pa !== undefined && pb !== undefined ? { a: pa, b: pb } : null;
}

// ---- one problem, side by side -----------------------------------------------------------

/** A trace of a model on the problem, or (kind "attempt") one of its correct sampled attempts. */
export type SideTrace = { id: string; externalId: string | null; correct: boolean | null; stepCount: number; kind: "trace" | "attempt"; sample?: number };

export async function getProblemSides(datasetId: string, problemId: string, a: string, b: string, db: Tx = prisma) {
  const problem = await db.problem.findFirst({ where: { id: problemId, datasetId }, select: { id: true, statement: true, answer: true, metadata: true, externalId: true } });
  if (!problem) return null;
  const [traces, att] = await Promise.all([
    db.trace.findMany({
      where: { problemId, generator: { in: [a, b] } }, orderBy: { id: "asc" },
      select: { id: true, externalId: true, correct: true, stepCount: true, generator: true },
    }),
    problemAttempts(problemId, a, b, db),
  ]);
  const side = (m: string, x: typeof att.a): SideTrace[] => [
    ...traces.filter((t) => t.generator === m).map(({ generator: _, ...t }) => ({ ...t, kind: "trace" as const })),
    ...x.correct,
  ];
  // sampled: attempts of each model on this problem (wrong ones are also among the traces)
  return { problem, a: side(a, att.a), b: side(b, att.b), sampled: { a: att.a.counts, b: att.b.counts } };
}

export async function getTraceWithError(traceId: string, db: Tx = prisma) {
  const t = await db.trace.findUnique({ where: { id: traceId }, select: { id: true, text: true, correct: true, generator: true, labels: { select: { step: true, source: true, annotator: true, updatedAt: true } } } });
  if (!t) return null;
  // the final (adjudicated) label, else the step a person gave, else the imported (data set's) label, else a model's
  const rank = (s: string) => (s === "final" ? -1 : s === "human" ? 0 : s === "imported" ? 1 : 2);
  const label = [...t.labels].sort((x, y) => rank(x.source) - rank(y.source) || y.updatedAt.getTime() - x.updatedAt.getTime())[0] ?? null;
  return { id: t.id, text: t.text, correct: t.correct, generator: t.generator, errorStep: label?.step ?? null, errorSource: label ? `${label.source}${label.source === "human" ? ` (${label.annotator})` : ""}` : null };
}

// ---- the researcher's decision on the "same mistake" flag ------------------------------

export type SameMistakeDecision = { state: "confirmed" | "cleared"; by: string; at: string; step: number | null };
const pairKey = (baseId: string, otherId: string) => `${baseId}:${otherId}`;

function parseMeta(s: string): Record<string, unknown> {
  try {
    const v = JSON.parse(s);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

export function readDecision(metadata: string, baseId: string, otherId: string): SameMistakeDecision | null {
  const all = parseMeta(metadata).sameMistake as Record<string, SameMistakeDecision> | undefined;
  return all?.[pairKey(baseId, otherId)] ?? null;
}

/**
 * Records "confirmed" / "cleared" (or null: undecided) for a (base, other) trace pair in
 * Problem.metadata.sameMistake, with an AuditEvent in the same transaction. `expected` is the
 * state the researcher saw; if someone decided since, the write is refused with who and when.
 */
export async function setSameMistake(input: { problemId: string; baseTraceId: string; otherTraceId: string; state: "confirmed" | "cleared" | null; step: number | null; expected: string | null; actor: string }) {
  return prisma.$transaction(async (tx) => {
    const p = await tx.problem.findUnique({ where: { id: input.problemId }, select: { metadata: true } });
    if (!p) throw new Refused("This problem no longer exists");
    const n = await tx.trace.count({ where: { id: { in: [input.baseTraceId, input.otherTraceId] }, problemId: input.problemId } });
    if (n !== 2) throw new Refused("These traces no longer belong to this problem");
    const meta = parseMeta(p.metadata);
    const all = { ...((meta.sameMistake as Record<string, SameMistakeDecision> | undefined) ?? {}) };
    const key = pairKey(input.baseTraceId, input.otherTraceId);
    const before = all[key] ?? null;
    if ((before?.state ?? null) !== input.expected) {
      throw new Refused(`The flag was ${before ? `${before.state} by ${before.by} at ${before.at.slice(0, 16).replace("T", " ")} UTC` : "reset"} since you loaded it; reload to see it`);
    }
    const after: SameMistakeDecision | null = input.state ? { state: input.state, by: input.actor, at: new Date().toISOString(), step: input.step } : null;
    if (after) all[key] = after;
    else delete all[key];
    await tx.problem.update({ where: { id: input.problemId }, data: { metadata: JSON.stringify({ ...meta, sameMistake: all }) } });
    await writeAudit(tx, {
      actor: input.actor, action: "compare.same-mistake", entity: "Trace", entityId: input.otherTraceId, traceId: input.otherTraceId,
      before: before ? { baseTraceId: input.baseTraceId, ...before } : null, after: after ? { baseTraceId: input.baseTraceId, ...after } : { baseTraceId: input.baseTraceId, state: null },
    });
    return after;
  });
}
