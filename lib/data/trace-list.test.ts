import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { countSteps } from "@/lib/core/steps";
import { filteredTraceIds, listGenerators, listTraces, neighbourIds, PAGE_SIZE, snippet } from "@/lib/data/trace-list";
import type { TraceFilter } from "@/lib/core/filters";
import { listDatasetSummaries } from "@/lib/data/datasets";
import { pageIdsSql, statusCountsSql, traceWhereSql } from "@/lib/data/trace-list-sql";

let ds = "";
let other = "";
const N = 130; // traces in the main dataset: 3 pages

// Trace i: generator "gen-a" for even i, "gen-b" for odd; status cycles todo/labelled/curated;
// every 4th has a non-rejected intervention; every 5th carries a human label; i == 7 has "needle".
beforeAll(async () => {
  ds = (await prisma.dataset.create({ data: { name: "list-test" } })).id;
  other = (await prisma.dataset.create({ data: { name: "other" } })).id;
  const p1 = await prisma.problem.create({ data: { datasetId: ds, statement: "Find $x$ such that\n\n$x^2 = 4$.", contentHash: sha256("p1") } });
  const p2 = await prisma.problem.create({ data: { datasetId: ds, statement: "A pen costs $5. How many?", contentHash: sha256("p2") } });
  const po = await prisma.problem.create({ data: { datasetId: other, statement: "Other", contentHash: sha256("po") } });
  for (let i = 0; i < N; i++) {
    const text = i === 7 ? "step one\n\nthe needle step\n\nend" : `attempt ${i}\n\nstep two`;
    await prisma.trace.create({
      data: {
        id: `t${String(i).padStart(4, "0")}`,
        datasetId: ds,
        problemId: i % 2 ? p2.id : p1.id,
        text,
        generator: i % 2 ? "gen-b" : "gen-a",
        stepCount: countSteps(text),
        contentHash: sha256(text),
        status: ["todo", "labelled", "curated"][i % 3],
        hasIntervention: i % 4 === 0,
        humanStep: i % 5 === 0 ? 2 : null,
        labels: i % 5 === 0 ? { create: { step: 2, source: "human", annotator: "ann" } } : { create: { step: 1, source: "imported", annotator: "file" } },
        interventions: i % 4 === 0 ? { create: [{ location: 2, content: "try again", status: "accepted", origin: "human", contentHash: sha256(`a${i}`) }, { location: 2, content: "no", status: "rejected", origin: "human", contentHash: sha256(`r${i}`) }] } : undefined,
      },
    });
  }
  await prisma.trace.create({ data: { datasetId: other, problemId: po.id, text: "x", stepCount: 1, contentHash: "o", status: "todo" } });
});

const ids = (r: { rows: { id: string }[] }) => r.rows.map((x) => x.id);

describe("listTraces", () => {
  it("pages forward and back by cursor, 50 per page, with positions", async () => {
    const p1 = await listTraces(ds, {});
    expect(p1.total).toBe(N);
    expect(p1.rows).toHaveLength(PAGE_SIZE);
    expect(p1.rows[0]).toMatchObject({ id: "t0000", position: 1 });
    expect(p1.prevCursor).toBeNull();
    expect(p1.nextCursor).toBe("t0049");
    const p2 = await listTraces(ds, {}, { cursor: p1.nextCursor! });
    expect(p2.rows[0]).toMatchObject({ id: "t0050", position: 51 });
    const p3 = await listTraces(ds, {}, { cursor: p2.nextCursor! });
    expect(p3.rows).toHaveLength(N - 2 * PAGE_SIZE);
    expect(p3.nextCursor).toBeNull();
    expect(p3.rows.at(-1)!.position).toBe(N);
    const back = await listTraces(ds, {}, { cursor: p3.prevCursor!, dir: "prev" });
    expect(ids(back)).toEqual(ids(p2));
    const back2 = await listTraces(ds, {}, { cursor: back.prevCursor!, dir: "prev" });
    expect(ids(back2)).toEqual(ids(p1));
    expect(back2.prevCursor).toBeNull();
  });

  it("shows the imported label where no human label exists", async () => {
    const p1 = await listTraces(ds, {});
    const human = p1.rows.find((r) => r.id === "t0005")!;
    expect(human).toMatchObject({ humanStep: 2, labelled: true, otherLabel: null });
    const imported = p1.rows.find((r) => r.id === "t0006")!;
    expect(imported).toMatchObject({ humanStep: null, labelled: false, otherLabel: { source: "imported", step: 1 } });
  });

  it("prefers the imported label to the model's, and shows the model's when it is the only one", async () => {
    await prisma.firstErrorLabel.create({ data: { traceId: "t0011", step: 3, source: "model", annotator: "qwen" } });
    const row = async () => (await listTraces(ds, {})).rows.find((r) => r.id === "t0011")!.otherLabel;
    expect(await row()).toEqual({ source: "imported", step: 1 });
    await prisma.firstErrorLabel.deleteMany({ where: { traceId: "t0011", source: "imported" } });
    expect(await row()).toEqual({ source: "model", step: 3 });
  });

  it("never returns another dataset's traces and selects no trace body", async () => {
    const all = await listTraces(ds, {}, { cursor: "t0100" });
    expect(all.rows.every((r) => r.id.startsWith("t"))).toBe(true);
    expect(Object.keys(all.rows[0])).not.toContain("text");
  });

  it("filters by status, and counts per status ignore the status filter", async () => {
    const r = await listTraces(ds, { status: "curated" });
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => i % 3 === 2).length;
    expect(r.total).toBe(expected);
    expect(r.rows.every((x) => x.status === "curated")).toBe(true);
    expect(r.statusCounts).toEqual({ todo: 44, labelled: 43, curated: 43 });
  });

  it("filters by human label, intervention and generator, and combines them", async () => {
    const lab = await listTraces(ds, { labelled: "yes" });
    expect(lab.total).toBe(26);
    expect(lab.rows.every((x) => x.labelled && x.humanStep === 2)).toBe(true);
    expect((await listTraces(ds, { labelled: "no" })).total).toBe(N - 26);
    const iv = await listTraces(ds, { intervention: "yes" });
    expect(iv.total).toBe(33);
    expect(iv.rows[0].interventions).toEqual({ accepted: 1, rejected: 1 });
    expect((await listTraces(ds, { generator: "gen-b" })).total).toBe(65);
    const both = await listTraces(ds, { generator: "gen-a", intervention: "yes", labelled: "yes" });
    expect(ids(both)).toEqual(["t0000", "t0020", "t0040", "t0060", "t0080", "t0100", "t0120"]);
    expect(both.statusCounts.todo + both.statusCounts.labelled + both.statusCounts.curated).toBe(7);
  });

  it("combines generator and status (index probe) and pages under filters", async () => {
    const r = await listTraces(ds, { generator: "gen-b", status: "todo" });
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 1 && i % 3 === 0);
    expect(r.total).toBe(expected.length);
    expect(r.statusCounts.todo).toBe(expected.length);
    expect(r.statusCounts.todo + r.statusCounts.labelled + r.statusCounts.curated).toBe(65);
    expect(ids(r)).toEqual(expected.map((i) => `t${String(i).padStart(4, "0")}`));
    const gb = await listTraces(ds, { generator: "gen-b" });
    expect(gb.nextCursor).not.toBeNull();
    const next = await listTraces(ds, { generator: "gen-b" }, { cursor: gb.nextCursor! });
    expect(next.rows[0].position).toBe(51);
    expect(next.rows.every((x) => x.generator === "gen-b")).toBe(true);
  });

  it("review navigation (n/p) walks the same traces as the list", async () => {
    const filters: TraceFilter[] = [{}, { status: "labelled" }, { intervention: "yes" }, { intervention: "no", generator: "gen-a" }, { labelled: "yes", status: "labelled" }, { q: "needle" }];
    for (const f of filters) {
      const all = await filteredTraceIds(ds, f);
      const r = await listTraces(ds, f);
      expect(r.total, JSON.stringify(f)).toBe(all.length);
      expect(ids(r)).toEqual(all.slice(0, PAGE_SIZE));
      if (all.length > 1) expect(await neighbourIds(ds, all[1], f)).toEqual({ prevId: all[0], nextId: all[2] ?? null });
    }
  });

  it("searches trace text and problem statements", async () => {
    expect(ids(await listTraces(ds, { q: "needle" }))).toEqual(["t0007"]);
    const costs = await listTraces(ds, { q: "costs $5" });
    expect(costs.total).toBe(65);
    expect(costs.rows[0].snippet).toBe("A pen costs $5. How many?");
    expect((await listTraces(ds, { q: "nothing matches this" })).rows).toEqual([]);
    // LIKE wildcards in the query are literal characters.
    expect((await listTraces(ds, { q: "%" })).total).toBe(0);
    expect((await listTraces(ds, { q: "_" })).total).toBe(0);
    expect((await listTraces(ds, { q: "NEEDLE" })).total).toBe(1); // case-insensitive (ASCII), like Prisma contains
  });

  it("lists generators and makes plain snippets", async () => {
    expect(await listGenerators(ds)).toEqual(["gen-a", "gen-b"]);
    expect(snippet("a\n\nb   c")).toBe("a b c");
    expect(snippet("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("query plans", () => {
  // A Trace row holds the attempt text before generator/status, so reading a row walks the
  // text's overflow pages. Every list query except text search must stay on indexes.
  it("answers every filter but text search from indexes alone", async () => {
    const filters: TraceFilter[] = [{}, { status: "todo" }, { generator: "gen-a" }, { generator: "gen-a", status: "curated" }, { intervention: "yes" }, { labelled: "no" }, { generator: "gen-b", intervention: "no", labelled: "yes", status: "todo" },
      { answer: "wrong" }, { answer: "correct", status: "todo" }, { answer: "unknown", generator: "gen-a" }, { answer: "wrong", generator: "gen-a", status: "labelled" }, { imported: "error", answer: "wrong" }];
    for (const f of filters) {
      const w = traceWhereSql(ds, f);
      for (const q of [pageIdsSql(w, "t0050", "next", 50), pageIdsSql(w, "t0050", "prev", 50), statusCountsSql(ds, f)]) {
        const plan = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${q.sql}`, ...q.params);
        const rowReads = plan.map((p) => p.detail).filter((d) => /^(SEARCH|SCAN) (t|s)\b/.test(d) && !d.includes("COVERING"));
        expect(rowReads, `${JSON.stringify(f)}: ${q.sql}`).toEqual([]);
      }
    }
  });
});

describe("listDatasetSummaries", () => {
  it("counts problems, traces by status and interventions by status", async () => {
    const s = await listDatasetSummaries();
    const main = s.find((d) => d.id === ds)!;
    expect(main).toMatchObject({ name: "list-test", problems: 2, traces: N, status: { todo: 44, labelled: 43, curated: 43 } });
    expect(main.interventions).toEqual({ proposed: 0, accepted: 33, edited: 0, rejected: 33 });
    expect(s.find((d) => d.id === other)).toMatchObject({ problems: 1, traces: 1, interventions: { accepted: 0 } });
  });
});
