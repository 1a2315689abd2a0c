import { beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { sharedData } from "@/test-support/shared-data";
import { filteredTraceIds } from "@/lib/data/trace-list";
import { pageIdsSql, traceWhereSql } from "@/lib/data/trace-list-sql";
import { likeArg, wordQuery } from "@/lib/data/text-search-sql";
import { indexQueuedText, startTextIndexing } from "@/lib/data/text-search";

// Issue 15 §4, the tail: a query of two or more words is answered from the word index's phrase
// (migration 20261206110000_text_search_words) instead of the trigram index alone. The phrase
// must name a superset of LIKE's matches, or a trace silently drops out of the list: checked
// directly (candidates ⊇ LIKE's text matches) and through the list (ids equal LIKE's), on texts of
// common words (as the bench's, where every trigram is in every trace), MATH-500 solutions, and
// LIKE's hard cases (unicode, quotes, `%`, `_`, `\`, repeated words).

const WORDS = "so then hence we note that this means the value of since because therefore which gives us and also".split(" ");
const HARD = [
  "since since since since", "the the value", "NOTE of THE means", "naïve text here, naïve again", "école et Ecole et ÉCOLE",
  "\u212Aelvin kelvin scale", "Straße strasse", "quote \"x\" and 'y' end", "a_1 = 50\\% of a%b", "path C:\\new\\table x",
  "$$\\frac{a}{b}$$ and \\(x_{n+1}\\) so", "tab\there\nnew line", "x\u00a0y z w", "日本 語 text ok", "so\u0301 then so",
];

let datasetId = "";
let texts: string[] = [];

/** The reference: LIKE over problem statement OR text, id order. */
async function likeIds(q: string): Promise<string[]> {
  const like = likeArg(q);
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT t."id" AS id FROM "Trace" t WHERE t."datasetId" = ? AND (t."problemId" IN (SELECT pq."id" FROM "Problem" pq WHERE pq."datasetId" = ? AND pq."statement" LIKE ? ESCAPE '\\') OR t."text" LIKE ? ESCAPE '\\') ORDER BY t."id"`,
    datasetId, datasetId, like, like,
  );
  return rows.map((r) => r.id);
}

const rowids = async (sql: string, ...params: unknown[]) =>
  new Set((await prisma.$queryRawUnsafe<{ r: bigint }[]>(sql, ...params)).map((x) => Number(x.r)));

beforeAll(async () => {
  datasetId = (await prisma.dataset.create({ data: { name: `fts-words-${Date.now()}` } })).id;
  let s = 777;
  const rand = (n: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % n);
  const common = Array.from({ length: 300 }, () =>
    Array.from({ length: 40 + rand(60) }, (_, i) => (i % 9 === 8 ? `$x_{${rand(20)}}$` : WORDS[rand(WORDS.length)])).join(rand(5) ? " " : "\n\n"));
  const math = readFileSync(sharedData("math500", "test.jsonl"), "utf8").trim().split("\n").slice(0, 150).map((l) => (JSON.parse(l) as { solution: string }).solution);
  texts = [...common, ...math, ...HARD.map((h) => `Step.\n\n${h}`)];
  const p = await prisma.problem.create({ data: { datasetId, statement: "Find the value of x.", contentHash: sha256("words-p") } });
  await prisma.trace.createMany({
    data: texts.map((text, i) => ({ datasetId, problemId: p.id, text, stepCount: 1, generator: "g", contentHash: sha256(`w${i}`) })),
  });
  await startTextIndexing();
}, 120_000);

/** Multi-word substrings of the texts (some case-flipped), the bench's slowest queries, the hard cases. */
function queries(): string[] {
  let s = 4242;
  const rand = (n: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % n);
  const out = new Set<string>([
    "herefore since since mea", "NOTE OF THE MEANS", "of we then this since", "ce us and of that", "$ us note\n\nt",
    "since since since", " the the ", "naïve text", "ïve text here", "école et", "t \u212Aelvin kelvin", " quote \"x\" and",
    "\"x\" and 'y'", "a_1 = 50\\% of", "50\\% of a%b", "C:\\new\\table", "\\frac{a}{b}$$ and", " x\u00a0y z", "日本 語 text",
    "\u0301 then so", "so\u0301 then", "zzz qqq www", "of that this", "x_{1}$ so then",
  ]);
  for (let i = 0; i < 250; i++) {
    const t = texts[rand(texts.length)];
    const len = 6 + rand(30);
    const at = rand(Math.max(1, t.length - len));
    const q = t.slice(at, at + len);
    out.add(i % 3 === 0 ? q.toUpperCase() : q);
  }
  return [...out];
}

describe("word phrase of a text search", () => {
  test("wordQuery: whole ASCII words only, a prefix at the end, nothing the text's tokens might not hold", () => {
    expect(wordQuery("herefore since since mea")).toBe('"since since mea" *'); // the first word may be a token's tail
    expect(wordQuery("NOTE OF THE MEANS")).toBe('"of the means" *');
    expect(wordQuery(" so then ")).toBe('"so then"');
    expect(wordQuery("$ us note\n\nt")).toBe('"us note"'); // a 1-character prefix would read every term in t
    expect(wordQuery("so then")).toBeNull(); // one usable word: the trigrams name the candidates
    expect(wordQuery(" naïve text here")).toBe('"text here" *'); // "na" ends before a non-ASCII letter: the token goes on
    expect(wordQuery(" so é then that")).toBe('"then that" *'); // é may join tokens: no phrase across it
    expect(wordQuery(" a\u00a0b c de fgh")).toBe('"c de fgh" *'); // b may be a token's tail (after a non-ASCII character)
    expect(wordQuery(" x_{12} = 34")).toBe('"x 12"');
  });

  test("equals LIKE, and the word index's candidates hold every trace whose text LIKE matches", async () => {
    const qs = queries();
    let phrased = 0;
    for (const q of qs) {
      expect(await filteredTraceIds(datasetId, { q }), `query ${JSON.stringify(q)}`).toEqual(await likeIds(q));
      const w = wordQuery(q);
      if (!w) continue;
      phrased++;
      const cands = await rowids(`SELECT rowid AS r FROM "TraceWordFts" WHERE "TraceWordFts" MATCH ?`, w);
      const hits = await rowids(`SELECT rowid AS r FROM "Trace" WHERE "datasetId" = ? AND "text" LIKE ? ESCAPE '\\'`, datasetId, likeArg(q));
      const lost = [...hits].filter((r) => !cands.has(r));
      expect(lost, `word query ${w} of ${JSON.stringify(q)} misses rows`).toEqual([]);
    }
    expect(phrased).toBeGreaterThan(150); // most queries went through a phrase
  }, 300_000);

  test("a query of common words is answered through the word index", async () => {
    const s = pageIdsSql(traceWhereSql(datasetId, { q: "NOTE OF THE MEANS" }), undefined, "next", 50);
    const plan = (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${s.sql}`, ...s.params)).map((r) => r.detail).join("\n");
    expect(plan).toContain("TraceWordFts");
  });

  test("the word index follows inserts, edits and deletes with the trigram index", async () => {
    const p = await prisma.problem.findFirstOrThrow({ where: { datasetId } });
    const phrase = async (w: string) => (await rowids(`SELECT rowid AS r FROM "TraceWordFts" WHERE "TraceWordFts" MATCH ?`, w)).size;
    const t = await prisma.trace.create({ data: { datasetId, problemId: p.id, text: "so qwv plk then", stepCount: 1, contentHash: sha256("w-sync") } });
    expect(await phrase('"qwv plk"')).toBe(0);
    expect(await filteredTraceIds(datasetId, { q: " QWV PLK " })).toEqual([t.id]); // queued: LIKE-checked
    await indexQueuedText();
    expect(await phrase('"qwv plk"')).toBe(1);
    await prisma.trace.update({ where: { id: t.id }, data: { text: "so zxr mnb then" } });
    expect(await phrase('"qwv plk"')).toBe(0); // the old text left the index at once
    expect(await filteredTraceIds(datasetId, { q: " zxr mnb " })).toEqual([t.id]);
    await indexQueuedText();
    expect(await phrase('"zxr mnb"')).toBe(1);
    await prisma.trace.delete({ where: { id: t.id } });
    expect(await phrase('"zxr mnb"')).toBe(0);
  });
});
