import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { importFile } from "@/lib/import";
import { sharedData } from "@/test-support/shared-data";
import { closeSharedGradePool } from "@/lib/grade/shared-pool";
import { countByStatus, filteredTraceIds } from "@/lib/data/trace-list";
import { likeArg } from "@/lib/data/text-search-sql";
import { indexQueuedText, queuedTextCount, startTextIndexing } from "@/lib/data/text-search";
import { pageIdsSql, traceWhereSql } from "@/lib/data/trace-list-sql";

afterAll(() => closeSharedGradePool());

// Issue 15 §4: the text filter answers from trigram FTS5 indexes (kept by triggers) and must
// select exactly what `LIKE '%q%' ESCAPE '\'` over problem statement OR trace text selected,
// on real data (ProcessBench MATH, MATH-500 solutions) plus LIKE's hard cases.

/** Today's definition, verbatim: the reference the FTS path must equal. */
async function likeIds(datasetId: string, q: string): Promise<string[]> {
  const like = likeArg(q);
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT t."id" AS id FROM "Trace" t WHERE t."datasetId" = ? AND (t."problemId" IN (SELECT pq."id" FROM "Problem" pq WHERE pq."datasetId" = ? AND pq."statement" LIKE ? ESCAPE '\\') OR t."text" LIKE ? ESCAPE '\\') ORDER BY t."id"`,
    datasetId, datasetId, like, like,
  );
  return rows.map((r) => r.id);
}

// LIKE folds ASCII case only: É/é, the Kelvin sign K (U+212A, which Unicode folds to k) and ß
// must not match what FTS5's Unicode folding would make them match.
const HARD = [
  "a_1 = 50\\% of a%b", "ab1 = 50% of axb", "path C:\\new\\table", "ÉCOLE école Ecole", "\u212Aelvin kelvin KELVIN",
  "Straße STRASSE", "quote \"x\" and 'y'", "naïve NAÏVE", "$$\\frac{a}{b}$$ and \\(x_{n+1}\\)", "tab\there\nnew line",
];

let datasetId = "";
let problemTexts: string[] = [];
let traceTexts: string[] = [];

beforeAll(async () => {
  const r = await importFile(sharedData("processbench", "math.json"), { dataset: "fts-real", format: "auto", actor: "tester" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 2)));
  datasetId = (await prisma.dataset.findUniqueOrThrow({ where: { name: "fts-real" } })).id;
  // MATH-500: statements as problems, reference solutions as attempts (LaTeX, [asy] code, \n\n)
  const math = readFileSync(sharedData("math500", "test.jsonl"), "utf8").trim().split("\n").slice(0, 200).map((l) => JSON.parse(l) as { problem: string; solution: string });
  const extra = [...math.map((m) => ({ problem: m.problem, text: m.solution })), ...HARD.map((h, i) => ({ problem: i % 2 ? `Hard ${i}: ${h}` : `Hard ${i}`, text: `Step.\n\n${h}` }))];
  for (const [i, x] of extra.entries()) {
    const p = await prisma.problem.upsert({
      where: { datasetId_contentHash: { datasetId, contentHash: sha256(x.problem) } },
      create: { datasetId, statement: x.problem, contentHash: sha256(x.problem) }, update: {},
    });
    await prisma.trace.create({ data: { datasetId, problemId: p.id, text: x.text, stepCount: 1, contentHash: sha256(`m${i}${x.text}`), generator: "math500" } });
  }
  problemTexts = (await prisma.problem.findMany({ where: { datasetId }, select: { statement: true } })).map((p) => p.statement);
  traceTexts = (await prisma.trace.findMany({ where: { datasetId }, select: { text: true } })).map((t) => t.text);
}, 120_000);

/** Deterministic queries: substrings of the corpus (some case-flipped), LIKE's specials, misses. */
function queries(): string[] {
  let s = 12345;
  const rand = (n: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % n);
  const out = new Set<string>([
    "%", "_", "\\", "50%", "a_1", "\\frac", "\\\\", "_{n", "{}", "ÉCOLE", "école", "ecole", "kelvin", "KELVIN", "\u212Aelvin",
    "straße", "STRASSE", "naïve", "NAÏVE", "\"x\"", "'y'", "\t", "\n\n", "tab\th", "$$", "\\(x", "C:\\new", "x%b", "a%b", "1 = 5",
    "zzzzqqq", "the", "The", "THE", "boxed{", "\\boxed{", "[asy]", "a", "ab", "é", "ÉC",
  ]);
  const all = [...problemTexts, ...traceTexts];
  for (let i = 0; i < 400; i++) {
    const t = all[rand(all.length)];
    const len = i < 300 ? 1 + rand(14) : 15 + rand(30); // the last 100: runs of words, through the word index's phrase
    const at = rand(Math.max(1, t.length - len));
    let q = t.slice(at, at + len);
    if (i % 3 === 0) q = q.toUpperCase();
    if (q) out.add(q);
  }
  return [...out];
}

describe("text search", () => {
  test("equals LIKE on ProcessBench + MATH-500 + hard cases, for every query", async () => {
    expect(await queuedTextCount()).toBeGreaterThan(1000); // the import queued its rows
    await startTextIndexing();
    expect(await queuedTextCount()).toBe(0); // all answered from the trigram indexes below
    const qs = queries();
    expect(qs.length).toBeGreaterThan(350);
    let nonEmpty = 0;
    for (const q of qs) {
      const want = await likeIds(datasetId, q);
      const got = await filteredTraceIds(datasetId, { q });
      expect(got, `query ${JSON.stringify(q)}`).toEqual(want);
      const c = await countByStatus(datasetId, { q });
      expect(c.todo + c.labelled + c.curated, `count of ${JSON.stringify(q)}`).toBe(want.length);
      if (want.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(200); // the corpus queries do find traces
  }, 300_000);

  test("a query of 3+ characters is answered through the trigram indexes, a shorter one by LIKE", async () => {
    const plan = async (q: string) => {
      const s = pageIdsSql(traceWhereSql(datasetId, { q }), undefined, "next", 50);
      const rows = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${s.sql}`, ...s.params);
      return rows.map((r) => r.detail).join("\n");
    };
    expect(await plan("frac")).toContain("TraceTextFts");
    expect(await plan("fr")).not.toContain("TraceTextFts");
  });

  test("index, mark and queue stay in step: insert, text edit, delete (rowid given again), cascade, VACUUM; rows not indexed yet are found", async () => {
    await startTextIndexing();
    const ds = await prisma.dataset.create({ data: { name: "fts-sync" } });
    const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "Find qwxyz here", contentHash: "h1" } });
    const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "alpha plmkj omega", stepCount: 1, contentHash: "c1" } });
    const other = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "nothing", stepCount: 1, contentHash: "c2" } });
    // straight SQL: the list readers would start the background indexing
    const find = async (q: string) => {
      const s = pageIdsSql(traceWhereSql(ds.id, { q }), undefined, "next", -1);
      return (await prisma.$queryRawUnsafe<{ id: string }[]>(s.sql, ...s.params)).map((r) => r.id);
    };
    const indexed = async (q: string) => Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "TraceTextFts" WHERE "TraceTextFts" MATCH ?`, q))[0].n);
    expect(await queuedTextCount()).toBe(3); // queued, not yet indexed ...
    expect(await indexed('"plm"')).toBe(0);
    expect(await find("PLMKJ")).toEqual([t.id]); // ... and found all the same
    expect(await find("qwxyz")).toEqual([t.id, other.id].sort());
    expect(await indexQueuedText()).toBe(3);
    expect(await queuedTextCount()).toBe(0);
    expect(await indexed('"plm" AND "mkj"')).toBe(1);
    expect(await find("PLMKJ")).toEqual([t.id]);
    await prisma.trace.update({ where: { id: t.id }, data: { text: "alpha vbnrt omega" } });
    expect(await indexed('"plm" AND "mkj"')).toBe(0); // the old text left the index at once
    expect(await find("plmkj")).toEqual([]);
    expect(await find("vbnrt")).toEqual([t.id]); // queued again
    await prisma.trace.update({ where: { id: t.id }, data: { status: "labelled" } }); // other columns: no queueing
    await prisma.problem.update({ where: { id: p.id }, data: { statement: "Find other here" } });
    expect(await queuedTextCount()).toBe(2);
    await indexQueuedText();
    expect(await find("qwxyz")).toEqual([]);
    expect(await find("vbnrt")).toEqual([t.id]);
    await prisma.$executeRawUnsafe("VACUUM"); // rowids (the indexes' keys) must survive it
    expect(await find("vbnrt")).toEqual([t.id]);
    expect(await find("r here")).toEqual([t.id, other.id].sort());
    await prisma.trace.delete({ where: { id: t.id } });
    expect(await indexed('"vbn" AND "nrt"')).toBe(0);
    expect(await find("vbnrt")).toEqual([]);
    // the top row goes and its rowid is given again: the new row must still count as not indexed
    const top = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "top one", stepCount: 1, contentHash: "c3" } });
    await indexQueuedText();
    const rowid = async (id: string) => Number((await prisma.$queryRawUnsafe<{ r: bigint }[]>(`SELECT rowid AS r FROM "Trace" WHERE id = ?`, id))[0].r);
    const topRowid = await rowid(top.id);
    await prisma.trace.delete({ where: { id: top.id } });
    const again = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "reused xkcdq", stepCount: 1, contentHash: "c4" } });
    expect(await rowid(again.id)).toBe(topRowid);
    expect(await find("xkcdq")).toEqual([again.id]);
    await indexQueuedText();
    expect(await find("xkcdq")).toEqual([again.id]);
    expect(await indexed('"xkc" AND "cdq"')).toBe(1);
    const before = await indexed('"not" AND "thi"');
    await prisma.dataset.delete({ where: { id: ds.id } }); // cascades to Problem and Trace
    expect(await indexed('"not" AND "thi"')).toBe(before - 1);
  });
});

describe("indexing behind a long writer", () => {
  test("waits in async pauses: the event loop keeps running while another connection holds the write lock", async () => {
    const { default: Database } = await import("better-sqlite3");
    const { sqlitePath } = await import("@/lib/env");
    const p = await prisma.problem.create({ data: { datasetId, statement: "queued while locked", contentHash: sha256(`locked-${Date.now()}`) } });
    expect(await queuedTextCount()).toBeGreaterThan(0);
    const other = new Database(sqlitePath(), { timeout: 0 });
    other.exec("BEGIN IMMEDIATE"); // what an import does for its whole transaction
    const started = Date.now();
    const indexing = indexQueuedText();
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(Date.now() - started), 20);
    await new Promise((r) => setTimeout(r, 600));
    clearInterval(timer);
    other.exec("COMMIT");
    other.close();
    expect(await indexing).toBeGreaterThan(0);
    // Through Prisma the write waited synchronously for the busy timeout (10 s): no tick at all.
    expect(ticks.length).toBeGreaterThan(10);
    expect(ticks[0]).toBeLessThan(200);
    await prisma.problem.delete({ where: { id: p.id } });
  });
});
