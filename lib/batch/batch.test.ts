import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { writeModelSettings } from "@/lib/model/settings";
import { exportSolve, exportVerify } from "./export";
import { importResults } from "./import";
import { parseResultLine } from "./format";

let stub: StubModel;
let datasetId: string;
const dir = tmpdir();
const f = (n: string) => join(dir, `int-batch-${process.pid}-${n}`);

beforeAll(async () => {
  stub = await startStubModel();
  await writeModelSettings({ name: "cluster-model" });
  const ds = await prisma.dataset.create({ data: { name: `batch-${randomUUID()}` } });
  datasetId = ds.id;
  for (let i = 0; i < 2; i++) {
    const p = await prisma.problem.create({
      data: { datasetId, statement: `Q${i}`, referenceSolution: "R", answer: "999", contentHash: sha256(`q${i}`) },
    });
    const text = `a${i}\n\nb\n\nc`;
    await prisma.trace.create({ data: { datasetId, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) } });
  }
});
afterAll(() => stub.close());

/** What `vllm run-batch` does: send every request line, write {id, custom_id, response: {status_code, body}, error}. */
async function runBatch(input: string, output: string, failFirst = false) {
  const lines = readFileSync(input, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const out: string[] = [];
  for (const [i, l] of lines.entries()) {
    expect(l).toMatchObject({ method: "POST", url: "/v1/chat/completions" });
    if (failFirst && i === 0) {
      out.push(
        JSON.stringify({
          id: `r${i}`,
          custom_id: l.custom_id,
          response: null,
          error: { code: "oom", message: "out of memory" },
        }),
      );
      continue;
    }
    const res = await fetch(`${stub.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(l.body),
    });
    out.push(
      JSON.stringify({
        id: `r${i}`,
        custom_id: l.custom_id,
        response: { status_code: 200, request_id: `q${i}`, body: await res.json() },
        error: null,
      }),
    );
  }
  writeFileSync(output, out.join("\n") + "\n");
}

describe("batch export / import", () => {
  it("independent turn 1s: round trip of both stages, idempotent on re-import", async () => {
    const solve = await exportSolve(datasetId, f("solve.jsonl"), { k: 2, turn1: "independent" });
    expect(solve.lines).toBe(4);
    const first = JSON.parse(readFileSync(f("solve.jsonl"), "utf8").split("\n")[0]);
    expect(first.body).toMatchObject({
      model: "cluster-model",
      temperature: 0.7,
      top_p: 0.8,
      top_k: 20,
      max_tokens: 16384,
    });
    expect(first.body.messages).toHaveLength(1);

    await runBatch(f("solve.jsonl"), f("solve-out.jsonl"), true);
    const s1 = await importResults(f("solve-out.jsonl"));
    expect(s1).toMatchObject({ lines: 4, solve: 3, unchanged: 0 });
    expect(s1.failed[0].reason).toMatch(/out of memory/);
    expect((await importResults(f("solve-out.jsonl"))).unchanged).toBe(3);
    expect(await prisma.proposal.count()).toBe(3);

    const verify = await exportVerify(datasetId, f("verify.jsonl"));
    expect(verify.lines).toBe(3);
    const v0 = JSON.parse(readFileSync(f("verify.jsonl"), "utf8").split("\n")[0]);
    expect(v0.custom_id).toContain(":verify:");
    expect(v0.body.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(v0.body.messages[2].content).toContain("**Substep 3:** c");

    await runBatch(f("verify.jsonl"), f("verify-out.jsonl"));
    const s2 = await importResults(f("verify-out.jsonl"));
    expect(s2).toMatchObject({ lines: 3, verify: 3, failed: [] });
    const rows = await prisma.proposal.findMany();
    expect(rows.every((r) => r.parseOk && r.model === "cluster-model" && r.turn1Raw && r.turn2Raw)).toBe(true);
    const ivs = await prisma.intervention.count();
    const labels = await prisma.firstErrorLabel.count({ where: { source: "model", annotator: "cluster-model" } });
    expect(labels).toBe(2);

    const s3 = await importResults(f("verify-out.jsonl"));
    expect(s3).toMatchObject({ verify: 0, unchanged: 3 });
    expect(await prisma.proposal.count()).toBe(3);
    expect(await prisma.intervention.count()).toBe(ivs);
    expect((await exportVerify(datasetId, f("verify2.jsonl"))).lines).toBe(0);
  });

  it("shared turn 1 (default): one solve line per trace, one verify line per trace with n=K; choices fill the K samples", async () => {
    const solve = await exportSolve(datasetId, f("s-solve.jsonl"), { k: 3, model: "shared-model" });
    expect(solve.lines).toBe(2);
    const solveLines = readFileSync(f("s-solve.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(solveLines.every((l) => l.body.n === undefined && l.custom_id.endsWith(":0"))).toBe(true);
    // the stub fails the first solve line: that trace gets no pending rows
    await runBatch(f("s-solve.jsonl"), f("s-solve-out.jsonl"), true);
    expect(await importResults(f("s-solve-out.jsonl"))).toMatchObject({ lines: 2, solve: 1 });
    const pend = await prisma.proposal.findMany({ where: { model: "shared-model" }, orderBy: { sample: "asc" } });
    expect(pend.map((p) => p.sample)).toEqual([0, 1, 2]);
    expect(new Set(pend.map((p) => p.turn1Raw)).size).toBe(1);
    expect((await importResults(f("s-solve-out.jsonl"))).unchanged).toBe(1);

    const verify = await exportVerify(datasetId, f("s-verify.jsonl"), { batchId: solve.batchId });
    expect(verify.lines).toBe(1);
    const v0 = JSON.parse(readFileSync(f("s-verify.jsonl"), "utf8").trim());
    expect(v0.body.n).toBe(3);
    expect(v0.body.messages[2].content).toContain('("999")'); // the answer reaches the self-check
    await runBatch(f("s-verify.jsonl"), f("s-verify-out.jsonl"));
    expect(await importResults(f("s-verify-out.jsonl"))).toMatchObject({ lines: 1, verify: 3, failed: [] });
    const rows = await prisma.proposal.findMany({ where: { model: "shared-model" }, orderBy: { sample: "asc" } });
    expect(rows.map((r) => [r.sample, r.parseOk])).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
    expect(new Set(rows.map((r) => r.turn1Raw)).size).toBe(1);
    expect(JSON.parse(rows[2].sampling)).toMatchObject({ turn1: "shared", usage: { turn2Samples: 3, turn2Choice: 2 } });
    expect(await importResults(f("s-verify-out.jsonl"))).toMatchObject({ verify: 0, unchanged: 1 });
    expect((await exportVerify(datasetId, f("s-verify2.jsonl"), { batchId: solve.batchId })).lines).toBe(0);
  });

  it("result lines are parsed defensively", () => {
    expect(parseResultLine("nope")).toMatchObject({ ok: false, reason: "not JSON" });
    expect(parseResultLine('{"custom_id": "x"}')).toMatchObject({ ok: false });
    expect(
      parseResultLine('{"custom_id": "b1:solve:t1:0", "response": {"status_code": 500, "body": {}}}'),
    ).toMatchObject({ ok: false, reason: "status 500" });
    expect(
      parseResultLine('{"custom_id": "b1:solve:t1:0", "response": {"choices": [{"message": {"content": "hi"}}]}}'),
    ).toMatchObject({ ok: true, text: "hi" });
  });
});
