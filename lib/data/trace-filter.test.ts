import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import type { TraceFilter } from "@/lib/core/filters";
import { exportLines, newCounts } from "@/lib/data/export";
import { listTraces } from "@/lib/data/trace-list";
import { getNeighbourIds } from "@/lib/data/traces";
import { selectTraces } from "./propose-select";
import { ProposeParams } from "@/lib/propose/params";
import { closeSharedGradePool } from "@/lib/grade/shared-pool";

afterAll(() => closeSharedGradePool());

// Issue 14 §6: every trace filter comes from one definition, so the list, the export, review
// n/p and "propose for the filtered list" select the same traces, also for searches holding
// LIKE's wildcards (% and _) and its escape character (\), routine in LaTeX (a_1, 50\%).

const TEXTS = [
  "so a_1 = 3", "so ab1 = 3", "so a1 = 3", "so a%1 = 3", "we get 50\\% off", "we get 50% off", "we get 500 off",
  "x\\_1 here", "x_1 here", "path a\\b", "path ab", "nothing", "A_1 upper",
];

async function seed() {
  const ds = await prisma.dataset.create({ data: { name: `filters-${randomUUID()}` } });
  for (let i = 0; i < TEXTS.length; i++) {
    const statement = i === 11 ? "Problem with a_1 in it" : `Problem ${i}`;
    const p = await prisma.problem.create({ data: { datasetId: ds.id, statement, referenceSolution: i % 4 === 0 ? "" : "Ref.", answer: "3", contentHash: sha256(`${ds.id}${i}`) } });
    const text = `Step one.\n\n${TEXTS[i]}\n\n\\boxed{${i % 3 === 0 ? 3 : 4}}`;
    const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256(text), correct: i % 5 === 0 ? true : i % 5 === 1 ? false : null, generator: i % 2 ? "g1" : "g2" } });
    // open comments on every 4th trace, a resolved one on every 5th (issue 13 §4 "has open comments")
    if (i % 4 === 1) await prisma.comment.create({ data: { traceId: t.id, datasetId: ds.id, author: "a", body: "open" } });
    if (i % 5 === 1) await prisma.comment.create({ data: { traceId: t.id, datasetId: ds.id, author: "a", body: "done", status: "resolved" } });
    if (i % 3 !== 2) await prisma.firstErrorLabel.create({ data: { traceId: t.id, step: i % 3 === 0 ? null : 2, source: "imported", annotator: "processbench" } });
  }
  return ds.id;
}

/** Traces the processbench export considered: written, or skipped with a reason (no label). */
async function exportCount(datasetId: string, filter: TraceFilter) {
  const c = newCounts({ format: "processbench" });
  for await (const _ of exportLines({ datasetId, format: "processbench", filter }, c)) void _;
  return c.written + Object.values(c.skipped).reduce((a, b) => a + (b ?? 0), 0);
}

async function navWalk(datasetId: string, filter: TraceFilter, first: string | undefined) {
  const seen: string[] = [];
  for (let id = first; id; id = (await getNeighbourIds(datasetId, id, filter)).nextId ?? undefined) seen.push(id);
  return seen;
}

describe("one trace-filter definition", () => {
  it("list == export == review n/p == propose selection, for %, _ and \\ in the search and every filter", async () => {
    const ds = await seed();
    const searches = ["a_1", "_", "%", "50%", "50\\%", "\\", "a\\b", "x\\_1", "A_1", "1 = 3"];
    const filters: TraceFilter[] = [
      ...searches.map((q) => ({ q })),
      { answer: "wrong" }, { answer: "correct" }, { answer: "unknown" }, { imported: "error" }, { imported: "no-error" },
      { comments: "open" }, { comments: "open", answer: "wrong" }, { comments: "open", q: "_" },
      { answer: "wrong", generator: "g1" }, { answer: "correct", q: "a_1" }, { imported: "error", answer: "wrong", q: "_" },
    ];
    const everything = ProposeParams.parse({ model: "m", templateId: "t", includeCorrect: true, includeNoReference: true });
    for (const f of filters) {
      const list = await listTraces(ds, f);
      const listIds = list.rows.map((r) => r.id);
      const label = JSON.stringify(f);
      expect(await exportCount(ds, f), label).toBe(list.total);
      expect(await selectTraces({ ...everything, filter: f }, ds), label).toEqual(listIds);
      expect(await navWalk(ds, f, listIds[0]), label).toEqual(listIds);
    }
    // imported correctness where known (0, 5, 10 correct; 1, 6, 11 wrong), else graded: \boxed{3} vs answer 3
    expect((await listTraces(ds, { answer: "correct" })).total).toBe(6);
    expect((await listTraces(ds, { answer: "wrong" })).total).toBe(7);
    expect((await listTraces(ds, { imported: "no-error" })).total).toBe(5);
    expect((await listTraces(ds, { comments: "open" })).total).toBe(3); // traces 1, 5, 9 (6 and 11 resolved only)
    // the searches are literal substrings
    const hits = async (q: string) => (await listTraces(ds, { q })).rows.length;
    expect(await hits("a_1")).toBe(3); // "so a_1", the problem statement "a_1", "A_1" (case-insensitive like the list always was)
    expect(await hits("50%")).toBe(1);
    expect(await hits("50\\%")).toBe(1);
    expect(await hits("a\\b")).toBe(1);
    expect(await hits("%")).toBe(3);
  });
});
