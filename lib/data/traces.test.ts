import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { getNeighbourIds, getTraceForReview } from "./traces";
import { setHumanLabel } from "./labels";

async function dataset(n: number) {
  const ds = await prisma.dataset.create({ data: { name: `nav-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "q", contentHash: sha256(randomUUID()) } });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: `s${i}\n\nneedle${i % 2}`, generator: i % 2 ? "odd" : "even", stepCount: 2, contentHash: sha256(String(i)) } });
    ids.push(t.id);
  }
  ids.sort();
  return { ds, ids };
}

describe("getNeighbourIds", () => {
  it("walks the list order (id ascending) and follows the list's filters", async () => {
    const { ds, ids } = await dataset(6);
    expect(await getNeighbourIds(ds.id, ids[0], {})).toEqual({ prevId: null, nextId: ids[1] });
    expect(await getNeighbourIds(ds.id, ids[5], {})).toEqual({ prevId: ids[4], nextId: null });
    const rows = await prisma.trace.findMany({ where: { datasetId: ds.id }, orderBy: { id: "asc" }, select: { id: true, generator: true } });
    const odd = rows.filter((r) => r.generator === "odd").map((r) => r.id);
    const nb = await getNeighbourIds(ds.id, odd[0], { generator: "odd" });
    expect(nb).toEqual({ prevId: null, nextId: odd[1] });
    // The current trace may have left the filter (e.g. just curated): the cursor still works.
    await setHumanLabel({ traceId: ids[2], actor: "a", step: null, expectedVersion: null });
    const todo = await getNeighbourIds(ds.id, ids[2], { status: "todo" });
    expect(todo).toEqual({ prevId: ids[1], nextId: ids[3] });
    expect((await getNeighbourIds(ds.id, ids[1], { labelled: "yes" })).nextId).toBe(ids[2]);
    expect((await getNeighbourIds(ds.id, ids[0], { q: "needle1" })).nextId).toBe(rows.find((r, i) => i > 0 && r.generator === "odd")!.id);
  });

  it("reads a trace with its problem, labels and interventions", async () => {
    const { ids } = await dataset(1);
    const t = await getTraceForReview(ids[0]);
    expect(t?.problem.statement).toBe("q");
    expect(t?.labels).toEqual([]);
    expect(await getTraceForReview("missing")).toBeNull();
  });
});
