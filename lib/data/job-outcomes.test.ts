import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { jobOutcomeTotals, listOutcomes } from "./job-outcomes";

// Real rows in a throwaway DB: a propose job whose items end every way an item can, and a
// rollouts job whose samples carry verdicts.
let ds: string, trace: string, iv: string;
const propose = "job-outcomes-propose", rollouts = "job-outcomes-rollouts";

beforeAll(async () => {
  const d = await prisma.dataset.create({ data: { name: `outcomes-${Date.now()}` } });
  ds = d.id;
  const p = await prisma.problem.create({ data: { datasetId: ds, statement: "2+3?", answer: "5", contentHash: "h1" } });
  const t = await prisma.trace.create({ data: { datasetId: ds, problemId: p.id, text: "a\n\nb", stepCount: 2, contentHash: "t1" } });
  trace = t.id;
  const i = await prisma.intervention.create({ data: { traceId: trace, location: 2, content: "redo", origin: "model", contentHash: "i1" } });
  iv = i.id;
  await prisma.job.create({ data: { id: propose, kind: "propose", status: "running", datasetId: ds, total: 120 } });
  const items = Array.from({ length: 120 }, (_, n) => {
    const key = `${trace}:${String(n).padStart(3, "0")}`;
    const payload = JSON.stringify({ traceId: trace, sample: n });
    if (n % 10 === 0) return { jobId: propose, key, payload, status: "failed", attempts: 4, error: "model server answered HTTP 500" };
    if (n % 10 === 1) return { jobId: propose, key, payload, status: "done", attempts: 1, result: JSON.stringify({ parseOk: false, reason: 'answer_leak: the content contains the ground-truth answer "5"', location: 2 }) };
    if (n % 10 === 2) return { jobId: propose, key, payload, status: "done", attempts: 1, result: JSON.stringify({ parseOk: false, reason: "missing_tag: no <intervention>...</intervention> in the output" }) };
    if (n % 10 === 3) return { jobId: propose, key, payload, status: "running", attempts: 1, result: JSON.stringify({ lease: "1-x" }) };
    if (n % 10 === 4) return { jobId: propose, key, payload, status: "pending" };
    return { jobId: propose, key, payload, status: "done", attempts: 1, result: JSON.stringify({ proposalId: `p${n}`, parseOk: true, reason: null, location: 2, interventionId: iv }) };
  });
  await prisma.jobItem.createMany({ data: items });

  await prisma.job.create({ data: { id: rollouts, kind: "rollouts", status: "done", datasetId: ds, total: 2 } });
  const a = await prisma.jobItem.create({ data: { jobId: rollouts, key: `intervention:${iv}`, status: "done", payload: JSON.stringify({ interventionId: iv, condition: "intervention" }), result: JSON.stringify({ condition: "intervention", samples: 3, correct: 1, reused: 0 }) } });
  await prisma.jobItem.create({ data: { jobId: rollouts, key: `original:${iv}`, status: "done", payload: JSON.stringify({ interventionId: iv, condition: "original" }), result: JSON.stringify({ condition: "original", samples: 1, correct: 0, reused: 0 }) } });
  const verdicts = ["equal", "not_equal", "no_answer"];
  await prisma.rollout.createMany({ data: verdicts.map((v, s) => ({ problemId: p.id, traceId: trace, interventionId: iv, condition: "intervention", sample: s, jobItemId: a.id, model: "m", text: "x", verdict: v, correct: v === "equal" })) });
});

describe("job outcomes", () => {
  it("pages through every item once, in key order, with a cursor", async () => {
    const keys: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await listOutcomes(propose, { take: 50, after });
      expect(page).not.toBeNull();
      keys.push(...page!.rows.map((r) => r.key));
      after = page!.next;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(keys).toHaveLength(120);
    expect(new Set(keys).size).toBe(120);
    expect([...keys].sort()).toEqual(keys);
  });

  it("states each item's outcome with its trace, location and intervention", async () => {
    const page = await listOutcomes(propose, { take: 10 });
    const by = Object.fromEntries(page!.rows.map((r) => [r.key.slice(-3), r]));
    expect(by["000"]).toMatchObject({ outcome: "failed", error: "model server answered HTTP 500", traceId: trace, traceDatasetId: ds });
    expect(by["001"]).toMatchObject({ outcome: "held back", location: 2 });
    expect(by["002"]).toMatchObject({ outcome: "parse failure", reason: "missing_tag: no <intervention>...</intervention> in the output" });
    expect(by["003"]).toMatchObject({ outcome: "running", reason: null });
    expect(by["004"]).toMatchObject({ outcome: "pending" });
    expect(by["005"]).toMatchObject({ outcome: "parsed", location: 2, interventionId: iv, proposalId: "p5" });
  });

  it("filters failed and held-back items, paging within the filter", async () => {
    const failed = await listOutcomes(propose, { filter: "failed", take: 5 });
    expect(failed!.rows.map((r) => r.outcome)).toEqual(Array(5).fill("failed"));
    const rest = await listOutcomes(propose, { filter: "failed", take: 50, after: failed!.next });
    expect(rest!.rows).toHaveLength(7);
    expect(rest!.next).toBeNull();
    const held = await listOutcomes(propose, { filter: "held-back", take: 50 });
    expect(held!.rows).toHaveLength(12);
    expect(held!.rows.every((r) => r.outcome === "held back")).toBe(true);
  });

  it("totals the whole job by outcome", async () => {
    const t = await jobOutcomeTotals(propose);
    expect(t!.items).toEqual([
      { outcome: "parsed", n: 60 }, { outcome: "held back", n: 12 }, { outcome: "parse failure", n: 12 },
      { outcome: "failed", n: 12 }, { outcome: "running", n: 12 }, { outcome: "pending", n: 12 },
    ]);
  });

  it("gives rollout items their verdicts, and the job its sample totals", async () => {
    const page = await listOutcomes(rollouts);
    const a = page!.rows.find((r) => r.condition === "intervention")!;
    expect(a).toMatchObject({ outcome: "some correct", samples: 3, correct: 1, traceId: trace, interventionId: iv });
    expect(a.verdicts).toEqual({ equal: 1, not_equal: 1, no_answer: 1 });
    const t = await jobOutcomeTotals(rollouts);
    expect(t).toEqual({ items: [{ outcome: "some correct", n: 1 }, { outcome: "none correct", n: 1 }], samples: 4, correct: 1, verdicts: { equal: 1, not_equal: 1, no_answer: 1 } });
  });

  it("reads held back from the exact reason code (an '_' in it is no wildcard)", async () => {
    await prisma.job.create({ data: { id: "job-outcomes-like", kind: "propose", status: "done", total: 2 } });
    await prisma.jobItem.createMany({ data: [
      { jobId: "job-outcomes-like", key: "a", status: "done", result: JSON.stringify({ parseOk: false, reason: "answerXleak: look-alike" }) },
      { jobId: "job-outcomes-like", key: "b", status: "done", result: JSON.stringify({ parseOk: false, reason: "answer_leak: the content contains the ground-truth answer \"5\"" }) },
    ] });
    expect((await listOutcomes("job-outcomes-like", { filter: "held-back" }))!.rows.map((r) => r.key)).toEqual(["b"]);
    expect((await jobOutcomeTotals("job-outcomes-like"))!.items).toEqual([{ outcome: "held back", n: 1 }, { outcome: "parse failure", n: 1 }]);
  });

  it("returns null for a job that does not exist", async () => {
    expect(await listOutcomes("no-such-job")).toBeNull();
    expect(await jobOutcomeTotals("no-such-job")).toBeNull();
  });
});
