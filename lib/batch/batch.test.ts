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
    const p = await prisma.problem.create({ data: { datasetId, statement: `Q${i}`, referenceSolution: "R", answer: "999", contentHash: sha256(`q${i}`) } });
    const text = `a${i}\n\nb\n\nc`;
    await prisma.trace.create({ data: { datasetId, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) } });
  }
});
afterAll(() => stub.close());

/** What `vllm run-batch` does: send every request line, write {id, custom_id, response: {status_code, body}, error}. */
async function runBatch(input: string, output: string, failFirst = false) {
  const lines = readFileSync(input, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const out: string[] = [];
  for (const [i, l] of lines.entries()) {
    expect(l).toMatchObject({ method: "POST", url: "/v1/chat/completions" });
    if (failFirst && i === 0) {
      out.push(JSON.stringify({ id: `r${i}`, custom_id: l.custom_id, response: null, error: { code: "oom", message: "out of memory" } }));
      continue;
    }
    const res = await fetch(`${stub.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(l.body) });
    out.push(JSON.stringify({ id: `r${i}`, custom_id: l.custom_id, response: { status_code: 200, request_id: `q${i}`, body: await res.json() }, error: null }));
  }
  writeFileSync(output, out.join("\n") + "\n");
}

describe("batch export / import", () => {
  it("round trip of both stages, idempotent on re-import", async () => {
    const solve = await exportSolve(datasetId, f("solve.jsonl"), { k: 2 });
    expect(solve.lines).toBe(4);
    const first = JSON.parse(readFileSync(f("solve.jsonl"), "utf8").split("\n")[0]);
    expect(first.body).toMatchObject({ model: "cluster-model", temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16384 });
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

  it("result lines are parsed defensively", () => {
    expect(parseResultLine("nope")).toMatchObject({ ok: false, reason: "not JSON" });
    expect(parseResultLine('{"custom_id": "x"}')).toMatchObject({ ok: false });
    expect(parseResultLine('{"custom_id": "b1:solve:t1:0", "response": {"status_code": 500, "body": {}}}')).toMatchObject({ ok: false, reason: "status 500" });
    expect(parseResultLine('{"custom_id": "b1:solve:t1:0", "response": {"choices": [{"message": {"content": "hi"}}]}}')).toMatchObject({ ok: true, text: "hi" });
  });
});
