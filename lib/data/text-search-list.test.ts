import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import type { TraceFilter } from "@/lib/core/filters";
import { COUNT_CAP, listTraces, PAGE_SIZE, type TraceListResult } from "@/lib/data/trace-list";
import { likeArg } from "@/lib/data/text-search-sql";
import { startTextIndexing } from "@/lib/data/text-search";

// Issue 15 §4: the list's text search reads its matches once, in id order, and stops at
// COUNT_CAP + 1. Under the cap the page, positions, cursors and counts come from that one read and
// must equal LIKE's; over it the counts say "at least" and the pages still equal LIKE's.

const N = COUNT_CAP + 150;
const STATUS = (i: number) => (i % 7 === 0 ? "curated" : i % 3 === 1 ? "labelled" : "todo");
let datasetId = "";

/** The reference: LIKE over problem statement OR text, id order, optionally one status. */
async function likeRows(q: string, status?: string): Promise<{ id: string; status: string }[]> {
  const like = likeArg(q);
  return prisma.$queryRawUnsafe<{ id: string; status: string }[]>(
    `SELECT t."id" AS id, t."status" AS status FROM "Trace" t WHERE t."datasetId" = ? AND (t."problemId" IN (SELECT pq."id" FROM "Problem" pq WHERE pq."datasetId" = ? AND pq."statement" LIKE ? ESCAPE '\\') OR t."text" LIKE ? ESCAPE '\\')${status ? ` AND t."status" = '${status}'` : ""} ORDER BY t."id"`,
    datasetId, datasetId, like, like,
  );
}

/** Every page forward by cursor, then every page back: ids, positions, cursors. */
async function walk(f: TraceFilter): Promise<{ pages: TraceListResult[]; back: TraceListResult[] }> {
  const pages = [await listTraces(datasetId, f)];
  while (pages.at(-1)!.nextCursor) pages.push(await listTraces(datasetId, f, { cursor: pages.at(-1)!.nextCursor! }));
  const back = [pages.at(-1)!];
  while (back.at(-1)!.prevCursor) back.push(await listTraces(datasetId, f, { cursor: back.at(-1)!.prevCursor!, dir: "prev" }));
  return { pages, back };
}

beforeAll(async () => {
  datasetId = (await prisma.dataset.create({ data: { name: `fts-list-${Date.now()}` } })).id;
  const problems = await Promise.all([0, 1, 2, 3].map((k) =>
    prisma.problem.create({ data: { datasetId, statement: `Problem ${k}: find x${k === 2 ? " (Zeta quartic)" : ""}`, contentHash: sha256(`p${k}`) } })));
  // every text holds "alpha beta" (> COUNT_CAP matches); every 40th "zeta gamma"; problem 2 says "Zeta" too
  await prisma.trace.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      datasetId, problemId: problems[i % 4].id, status: STATUS(i), stepCount: 2, generator: "g", contentHash: sha256(`t${i}`),
      text: `Step one: alpha beta ${i}.\n\n${i % 40 === 0 ? "so zeta gamma holds 50% of_it" : "so it holds 50 of it"}`,
    })),
  });
}, 120_000);

describe("text search in the trace list", () => {
  for (const indexed of [false, true]) {
    test(`under the cap: pages, positions, cursors and counts equal LIKE (${indexed ? "indexed" : "not indexed yet"})`, async () => {
      if (indexed) await startTextIndexing();
      for (const q of ["zeta", "ZETA GAMMA", "0% of_", "beta 11", "nothing like this"]) {
        for (const status of [undefined, "todo", "labelled"] as const) {
          const f: TraceFilter = { q, ...(status ? { status } : {}) };
          const want = (await likeRows(q, status)).map((r) => r.id);
          const all = await likeRows(q);
          expect(all.length).toBeLessThanOrEqual(COUNT_CAP);
          const { pages, back } = await walk(f);
          expect(pages.flatMap((p) => p.rows.map((r) => r.id)), `${q} ${status}`).toEqual(want);
          expect(pages.flatMap((p) => p.rows.map((r) => r.position))).toEqual(want.map((_, i) => i + 1));
          expect(back.reverse().flatMap((p) => p.rows.map((r) => r.id)), `${q} ${status} back`).toEqual(want);
          const counts = { todo: 0, labelled: 0, curated: 0 };
          for (const r of all) counts[r.status as keyof typeof counts]++;
          expect(pages[0].statusCounts).toEqual(counts);
          expect(pages[0].countsCapped).toEqual({ todo: false, labelled: false, curated: false });
          expect(pages[0].total).toBe(want.length);
        }
      }
    }, 120_000);
  }

  test("over the cap: counts stop at COUNT_CAP and say so; the pages still equal LIKE's", async () => {
    const q = "alpha BETA";
    const want = (await likeRows(q)).map((r) => r.id);
    expect(want.length).toBe(N);
    const first = await listTraces(datasetId, { q });
    expect(first.total).toBe(COUNT_CAP);
    expect(first.countsCapped).toEqual({ todo: true, labelled: true, curated: true });
    expect(first.rows.map((r) => r.id)).toEqual(want.slice(0, PAGE_SIZE));
    const second = await listTraces(datasetId, { q }, { cursor: first.nextCursor! });
    expect(second.rows.map((r) => r.id)).toEqual(want.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    expect(second.rows.map((r) => r.position)).toEqual(want.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((_, i) => PAGE_SIZE + i + 1));
    const back = await listTraces(datasetId, { q }, { cursor: second.prevCursor!, dir: "prev" });
    expect(back.rows.map((r) => r.id)).toEqual(want.slice(0, PAGE_SIZE));
    const todo = (await likeRows(q, "todo")).map((r) => r.id);
    const t = await listTraces(datasetId, { q, status: "todo" });
    expect(t.rows.map((r) => r.id)).toEqual(todo.slice(0, PAGE_SIZE));
    expect(t.countsCapped.todo).toBe(true);
  }, 120_000);
});
