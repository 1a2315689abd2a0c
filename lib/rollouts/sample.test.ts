import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { closeSharedGradePool, sharedGradePool } from "@/lib/grade/shared-pool";
import { writeModelSettings } from "@/lib/model/settings";
import { datasetRolloutSummary } from "@/lib/data/rollouts";
import { run as runSampleCli } from "@/lib/cli/commands/sample";
import { run as runRolloutsCli } from "@/lib/cli/commands/rollouts";
import { seedRolloutData, RIGHT, WRONG } from "@/test-support/rollouts";

let stub: StubModel;
beforeAll(async () => {
  stub = await startStubModel();
  await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
  await sharedGradePool().ready();
}, 120_000);
afterAll(async () => {
  await stub.close();
  await closeSharedGradePool();
});

function capture() {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  return { text: () => out, restore: () => spy.mockRestore() };
}

describe("sample attempts", () => {
  it("samples N attempts per problem, keeps the incorrect ones as traces, reports pass@k", async () => {
    const name = `sample-${randomUUID()}`;
    const ds = await prisma.dataset.create({ data: { name } });
    for (const i of [1, 2])
      await prisma.problem.create({
        data: { datasetId: ds.id, statement: `What is 2+3? #${i}`, answer: "5", contentHash: sha256(`s${i}`) },
      });
    let n = 0;
    stub.setScript({
      respond: (q) => ({ kind: "text", text: q.body.add_generation_prompt === true && n++ % 4 === 0 ? RIGHT : WRONG }),
    });
    const out = capture();
    const code = await runSampleCli(["--dataset", name, "--n", "4"]).finally(out.restore);
    expect(code).toBe(0);
    expect(out.text()).toContain("8 attempt(s), 2 correct (25.00%)");
    expect(out.text()).toMatch(/pass@k: @1 25\.00%/);
    const reqs = stub.requests().slice(-8);
    expect(
      reqs.every(
        (q) =>
          q.messages.length === 1 && q.body.add_generation_prompt === true && q.body.continue_final_message === false,
      ),
    ).toBe(true);
    const traces = await prisma.trace.findMany({ where: { datasetId: ds.id } });
    expect(traces).toHaveLength(2); // the same wrong text once per problem (unique per problem + text)
    expect(
      traces.every(
        (t) =>
          t.origin === "sampled" &&
          t.correct === false &&
          t.generator === "stub-model" &&
          t.text === WRONG &&
          t.stepCount === 2,
      ),
    ).toBe(true);
    const att = await prisma.rollout.findMany({ where: { problem: { datasetId: ds.id } } });
    expect(att).toHaveLength(8);
    expect(att.filter((r) => !r.correct).every((r) => r.traceId && r.condition === "attempt")).toBe(true);
    const [s] = await datasetRolloutSummary(ds.id);
    expect(s).toMatchObject({ condition: "attempt", rollouts: 8, correct: 2, problems: 2, covered: 2, coverage: 1 });
  });

  it("the rollouts CLI runs a dataset and prints the Table-1 summary", async () => {
    const s = await seedRolloutData(["GOOD: a"]);
    stub.setScript({
      respond: (q) => ({
        kind: "text",
        text: q.body.continue_final_message && q.messages[1].content.includes("GOOD") ? RIGHT : WRONG,
      }),
    });
    const out = capture();
    const code = await runRolloutsCli([
      "--dataset",
      s.datasetName,
      "--k",
      "4",
      "--condition",
      "intervention,original,problem",
    ]).finally(out.restore);
    expect(code).toBe(0);
    const text = out.text();
    expect(text).toMatch(/intervention\s+4\s+100\.00%\s+1\/1\s+@1 100\.00%/);
    expect(text).toMatch(/original\s+4\s+0%\s+0\/1/);
    expect(text).toMatch(/problem\s+4\s+0%\s+0\/1/);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: s.interventionIds[0] } })).toMatchObject({
      verified: true,
      rolloutsCorrect: 4,
    });
    expect(await runRolloutsCli(["--dataset", s.datasetName, "--condition", "bogus"])).toBe(2);
  });
});
