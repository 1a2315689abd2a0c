import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { CANNED } from "@/e2e/stub-model/replies";
import { writeModelSettings } from "@/lib/model/settings";
import { run } from "./propose";

// `npm run int -- propose` says what it sends and skips before the job, refuses with the flags
// that would include the skipped traces, and ends with parsed / held back / failed apart.

let stub: StubModel;
let name: string;
beforeAll(async () => {
  stub = await startStubModel();
  await writeModelSettings({ baseUrl: stub.url, name: "stub-model" });
  name = `cli-propose-${randomUUID()}`;
  const ds = await prisma.dataset.create({ data: { name } });
  const rows = [
    { ref: "Add.", correct: true },
    { ref: "Add.", correct: false },
    { ref: "", correct: false },
    { ref: "Add.", correct: null },
  ];
  for (const [i, r] of rows.entries()) {
    const p = await prisma.problem.create({
      data: {
        datasetId: ds.id,
        statement: `P${i}: 40 + 2`,
        referenceSolution: r.ref,
        answer: "42",
        contentHash: sha256(`${name}${i}`),
      },
    });
    const text = `First.\n\nThen 40 + 2 = ${i === 3 ? 42 : 41}.\n\nSo \\boxed{${i === 3 ? 42 : 41}}.`;
    await prisma.trace.create({
      data: {
        datasetId: ds.id,
        problemId: p.id,
        text,
        stepCount: 3,
        contentHash: sha256(text + i),
        correct: r.correct,
      },
    });
  }
});
afterAll(() => stub.close());

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  try {
    return { code: await run(args), out: out.join(""), err: err.join("") };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("propose CLI", () => {
  it("refuses when the skips leave nothing, naming the flags", async () => {
    const r = await cli(["--dataset", name, "--filter", "q=P0:"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "Nothing to propose: 0 wrong-answer traces (1 correct skipped, 0 without a reference). Use --include-correct to include correct ones.\n",
    );
  });

  it("prints what is sent and skipped, then the outcomes with held back apart from parse failures", async () => {
    const t1 = { kind: "text" as const, text: "sol" };
    stub.setScript({
      queue: [t1, { kind: "text", text: CANNED.answerLeak("42") }, t1, { kind: "text", text: CANNED.valid(2) }],
    });
    const r = await cli(["--dataset", name, "--k", "1", "--concurrency", "1"]);
    expect(r.code).toBe(0);
    // trace 3 has no imported judgement: graded \boxed{42} = 42, so it is correct and skipped too
    expect(r.out).toContain("Propose for 1 wrong-answer trace (2 correct skipped, 1 without a reference)\n");
    expect(r.out).toContain("1 proposal: 0 parsed, 1 held back (contain the answer), 0 parse failures (stored)\n");
    const again = await cli(["--dataset", name, "--k", "1", "--include-no-reference", "--again"]);
    expect(again.out).toContain("Propose for 2 wrong-answer traces (2 correct skipped, 1 sent without a reference)\n");
  });
});
