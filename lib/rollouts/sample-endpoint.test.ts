import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  for (const k of [
    "MODEL_BASE_URL",
    "MODEL_NAME",
    "MODEL_API_KEY",
    "TRAINED_MODEL_BASE_URL",
    "TRAINED_MODEL_NAME",
    "TRAINED_MODEL_API_KEY",
  ])
    delete process.env[k];
});

import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { closeSharedGradePool, sharedGradePool } from "@/lib/grade/shared-pool";
import { writeModelSettings } from "@/lib/model/settings";
import { comparePair } from "@/lib/data/compare";
import { run as runSampleCli } from "@/lib/cli/commands/sample";
import { SampleParams, resolveSampleParams } from "./params";
import { startSampleJob } from "./start";
import { RIGHT, WRONG } from "@/test-support/rollouts";

// Sampling from the second ("trained") endpoint: its own server and model name, traces with the
// trained model's generator next to the base model's on the same problems.
let base: StubModel;
let trained: StubModel;
beforeAll(async () => {
  base = await startStubModel({ models: ["base-m"] });
  trained = await startStubModel({ models: ["trained-m"] });
  await sharedGradePool().ready();
}, 120_000);
afterAll(async () => {
  await Promise.all([base.close(), trained.close()]);
  await closeSharedGradePool();
});

function capture(stream: NodeJS.WriteStream) {
  let out = "";
  const spy = vi.spyOn(stream, "write").mockImplementation((s) => ((out += String(s)), true));
  return { text: () => out, restore: () => spy.mockRestore() };
}

async function dataset(problems: number) {
  const name = `two-ep-${randomUUID()}`;
  const ds = await prisma.dataset.create({ data: { name } });
  for (let i = 1; i <= problems; i++)
    await prisma.problem.create({
      data: {
        datasetId: ds.id,
        statement: `What is 2+3? (${name} #${i})`,
        answer: "5",
        contentHash: sha256(`${name}${i}`),
      },
    });
  return { id: ds.id, name };
}

describe("SampleParams endpoint", () => {
  it("defaults to the base model endpoint and refuses other ids", () => {
    expect(SampleParams.parse({ model: "m" }).endpoint).toBe("model");
    expect(SampleParams.parse({ model: "m", endpoint: "trained" }).endpoint).toBe("trained");
    expect(SampleParams.safeParse({ model: "m", endpoint: "other" }).success).toBe(false);
  });
});

describe("sampling from the trained endpoint", () => {
  it("an unconfigured trained endpoint: refused at start and by the CLI with the env vars named", async () => {
    await writeModelSettings({ baseUrl: base.url, name: "base-m" });
    const ds = await dataset(1);
    const started = await startSampleJob({ datasetId: ds.id, actor: "t", endpoint: "trained" });
    expect(started.ok).toBe(false);
    if (!started.ok) expect(started.error).toMatch(/TRAINED_MODEL_BASE_URL/);
    await expect(resolveSampleParams({ endpoint: "trained" })).rejects.toThrow(/TRAINED_MODEL_BASE_URL/);

    const err = capture(process.stderr);
    const code = await runSampleCli(["--dataset", ds.name, "--endpoint", "trained"]).finally(err.restore);
    expect(code).toBe(1);
    expect(err.text().trim().split("\n")).toHaveLength(1);
    expect(err.text()).toMatch(/No trained model configured.*TRAINED_MODEL_BASE_URL.*TRAINED_MODEL_NAME/);

    const err2 = capture(process.stderr);
    expect(await runSampleCli(["--dataset", ds.name, "--endpoint", "bogus"]).finally(err2.restore)).toBe(2);
    expect(err2.text()).toBe('unknown --endpoint "bogus": use model or trained or proposer\n');
    expect(await prisma.job.count({ where: { datasetId: ds.id } })).toBe(0);
  });

  it("samples from the trained server with its model name; traces sit beside the base model's", async () => {
    await writeModelSettings({ baseUrl: base.url, name: "base-m" });
    await writeModelSettings(
      { baseUrl: trained.url, name: "trained-m", apiKey: "sk-trained-secret" },
      prisma,
      "trained",
    );
    const ds = await dataset(2);
    base.setScript({ respond: () => ({ kind: "text", text: WRONG }) });
    let n = 0; // the trained model: right half the time, otherwise wrong with its own text
    trained.setScript({ respond: () => ({ kind: "text", text: n++ % 2 === 0 ? RIGHT : `${WRONG} (trained)` }) });
    const seenBase = base.count();

    const out = capture(process.stdout);
    const code = await runSampleCli(["--dataset", ds.name, "--endpoint", "trained", "--n", "4"]).finally(out.restore);
    expect(code).toBe(0);
    expect(out.text()).toContain("trained-m: 8 attempt(s), 4 correct (50.00%); 2 incorrect attempt(s) kept as traces");
    expect(base.count()).toBe(seenBase); // the base server was not called
    expect(
      trained
        .requests()
        .slice(-8)
        .every((q) => q.body.model === "trained-m"),
    ).toBe(true);

    const job = await prisma.job.findFirstOrThrow({ where: { datasetId: ds.id, kind: "sample" } });
    const params = JSON.parse(job.params);
    expect(params).toMatchObject({ endpoint: "trained", model: "trained-m", baseUrl: trained.url, n: 4 });
    expect(job.params).not.toContain("sk-trained-secret");
    const tTraces = await prisma.trace.findMany({ where: { datasetId: ds.id } });
    expect(tTraces).toHaveLength(2);
    expect(
      tTraces.every(
        (t) =>
          t.generator === "trained-m" &&
          t.origin === "sampled" &&
          t.correct === false &&
          t.text === `${WRONG} (trained)`,
      ),
    ).toBe(true);
    const rolls = await prisma.rollout.findMany({ where: { problem: { datasetId: ds.id } } });
    expect(rolls.every((r) => r.model === "trained-m")).toBe(true);

    // the same dataset from the base endpoint (the default): a second generator on the same problems
    const out2 = capture(process.stdout);
    expect(await runSampleCli(["--dataset", ds.name, "--n", "2"]).finally(out2.restore)).toBe(0);
    expect(out2.text()).toContain("base-m: 4 attempt(s), 0 correct (0%); 2 incorrect attempt(s) kept as traces");
    const gens = await prisma.trace.groupBy({
      by: ["generator"],
      where: { datasetId: ds.id },
      _count: { _all: true },
      orderBy: { generator: "asc" },
    });
    expect(gens.map((g) => [g.generator, g._count._all])).toEqual([
      ["base-m", 2],
      ["trained-m", 2],
    ]);
    const cmp = await comparePair(ds.id, "base-m", "trained-m");
    expect(cmp.common).toBe(2); // both models have attempts on both problems
    // every attempt counts (the rollouts), not only the wrong ones kept as traces
    expect(cmp.a).toMatchObject({ graded: 4, correct: 0, accuracy: 0 });
    expect(cmp.b).toMatchObject({ graded: 8, correct: 4, accuracy: 0.5 });
  });

  it("flips: the stub makes each model right on one problem; the comparison counts every sampled attempt", async () => {
    await writeModelSettings({ baseUrl: base.url, name: "base-m" });
    await writeModelSettings({ baseUrl: trained.url, name: "trained-m" }, prisma, "trained");
    const ds = await dataset(2);
    const on = (q: { messages: { content: string }[] }, n: number) =>
      q.messages.some((m) => m.content.includes(`#${n})`));
    // base: right on #2 only; trained: right on #1 only
    base.setScript({ respond: (q) => ({ kind: "text", text: on(q, 2) ? RIGHT : WRONG }) });
    trained.setScript({ respond: (q) => ({ kind: "text", text: on(q, 1) ? RIGHT : `${WRONG} (trained)` }) });
    const quiet = capture(process.stdout);
    expect(await runSampleCli(["--dataset", ds.name, "--n", "3"]).finally(quiet.restore)).toBe(0);
    const quiet2 = capture(process.stdout);
    expect(
      await runSampleCli(["--dataset", ds.name, "--endpoint", "trained", "--n", "3"]).finally(quiet2.restore),
    ).toBe(0);
    // the same wrong text 3 times is one trace per model: 1 + 1 traces, 12 attempts
    expect(await prisma.trace.count({ where: { datasetId: ds.id } })).toBe(2);
    const [p1, p2] = (
      await prisma.problem.findMany({
        where: { datasetId: ds.id },
        orderBy: { statement: "asc" },
        select: { id: true },
      })
    ).map((p) => p.id);
    const cmp = await comparePair(ds.id, "base-m", "trained-m");
    expect(cmp.common).toBe(2);
    expect(cmp.a).toMatchObject({ graded: 6, correct: 3, accuracy: 0.5 });
    expect(cmp.b).toMatchObject({ graded: 6, correct: 3, accuracy: 0.5 });
    expect(cmp.flipCounts).toEqual({ fixed: 1, broken: 1 });
    const byId = Object.fromEntries(cmp.flips.map((f) => [f.problemId, f]));
    expect(byId[p1]).toMatchObject({ flip: "fixed", a: { n: 3, c: 0 }, b: { n: 3, c: 3 } });
    expect(byId[p2]).toMatchObject({ flip: "broken", a: { n: 3, c: 3 }, b: { n: 3, c: 0 } });
    expect(cmp.b.passAtK.find((p) => p.k === 3)).toEqual({ k: 3, value: 0.5, problems: 2 });
  });

  it("a trained-only setup can sample from it while the base model is not configured", async () => {
    await writeModelSettings({ baseUrl: "", name: "" });
    await writeModelSettings({ baseUrl: trained.url, name: "trained-m" }, prisma, "trained");
    const ds = await dataset(1);
    expect((await startSampleJob({ datasetId: ds.id, actor: "t" })).ok).toBe(false);
    const started = await startSampleJob({ datasetId: ds.id, actor: "t", endpoint: "trained", n: 1 });
    expect(started).toMatchObject({ ok: true, total: 1 });
  });
});
