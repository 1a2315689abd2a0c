import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { describeSelection } from "@/lib/core/propose/selection";
import { importFile } from "@/lib/import";
import { closeSharedGradePool } from "@/lib/grade/shared-pool";
import { writeModelSettings } from "@/lib/model/settings";
import { sharedData } from "@/test-support/shared-data";
import { resolveProposeParams } from "./params";
import { proposeSelection, selectTraces } from "@/lib/data/propose-select";
import { startProposeJob } from "./start";

// Issue 12 §1 on real ProcessBench files: bulk proposal skips traces whose final answer is
// correct (imported final_answer_correct, else graded), refuses problems without a reference,
// and says so before anything starts.

type PbRow = { final_answer_correct: boolean; reference_solution?: string };
const refsFile = sharedData("processbench", "with-references.gsm8k-math.jsonl");
const refsRows: PbRow[] = readFileSync(refsFile, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const mathFile = sharedData("processbench", "math.json");
const mathRows: PbRow[] = JSON.parse(readFileSync(mathFile, "utf8"));

const ids: Record<string, string> = {};
beforeAll(async () => {
  // a model is configured (nothing is called: these runs are refused or only planned)
  await writeModelSettings({ baseUrl: "http://127.0.0.1:9/v1", name: "stub-model" });
  for (const [name, file] of [
    ["refs", refsFile],
    ["math", mathFile],
  ] as const) {
    const r = await importFile(file, { dataset: `sel-${name}`, format: "processbench", actor: "t" });
    expect(r).toMatchObject({ ok: true });
    ids[name] = (await prisma.dataset.findUniqueOrThrow({ where: { name: `sel-${name}` } })).id;
  }
}, 120_000);
afterAll(() => closeSharedGradePool());

const params = (extra: Record<string, unknown> = {}) => resolveProposeParams({ k: 4, ...extra });

describe("propose only where the method applies", () => {
  it("with-references: the correct answers are skipped, the wrong ones sent; the words say so", async () => {
    const correct = refsRows.filter((r) => r.final_answer_correct).length;
    const wrong = refsRows.length - correct;
    expect([correct, wrong]).toEqual([554, 503]);
    const s = await proposeSelection(await params(), ids.refs);
    expect(s.send).toHaveLength(wrong);
    expect(s.counts).toMatchObject({
      selected: 1057,
      wrong,
      correctSkipped: correct,
      noReferenceSkipped: 0,
      unknown: 0,
    });
    expect(describeSelection(s.counts)).toBe(
      "Propose for 503 wrong-answer traces (554 correct skipped, 0 without a reference)",
    );
    // the sent ones are exactly the imported final_answer_correct = false traces
    const wrongIds = (
      await prisma.trace.findMany({
        where: { datasetId: ids.refs, correct: false },
        select: { id: true },
        orderBy: { id: "asc" },
      })
    ).map((t) => t.id);
    expect(s.send).toEqual(wrongIds);
    // a person includes them explicitly
    const all = await proposeSelection(await params({ includeCorrect: true }), ids.refs);
    expect(all.send).toHaveLength(1057);
    expect(describeSelection(all.counts)).toBe(
      "Propose for 503 wrong-answer traces + 554 correct (included) (correct included, 0 without a reference)",
    );
    // --limit caps what is sent, after the skips
    const few = await proposeSelection(await params({ limit: 10 }), ids.refs);
    expect(few.send).toEqual(wrongIds.slice(0, 10));
    expect(few.counts).toMatchObject({ wrong: 10, correctSkipped: 554, overLimit: 493 });
  });

  it("the job plans one item per wrong-answer trace only, under the list's filter", async () => {
    const r = await startProposeJob({ datasetId: ids.refs, actor: "t", k: 2, filter: { q: "\\frac" } });
    if (!r.ok) throw new Error(r.error);
    const items = await prisma.jobItem.findMany({ where: { jobId: r.jobId }, select: { key: true } });
    const traces = new Set(items.map((i) => i.key.split(":")[0]));
    const sent = await prisma.trace.findMany({
      where: { id: { in: [...traces] } },
      select: { correct: true, text: true, problem: { select: { statement: true } } },
    });
    expect(sent.length).toBe(r.counts.wrong);
    expect(
      sent.every((t) => t.correct === false && (t.text.includes("\\frac") || t.problem.statement.includes("\\frac"))),
    ).toBe(true);
    expect(r.total).toBe(sent.length); // one item per trace: one turn 1, one turn 2 with n = k
    expect(r.summary).toMatch(/^Propose for \d+ wrong-answer traces \(\d+ correct skipped, 0 without a reference\)$/);
    await prisma.job.update({ where: { id: r.jobId }, data: { status: "cancelled" } });
  });

  it("math.json has no reference solutions: every trace is refused by default, and the refusal says why", async () => {
    const s = await proposeSelection(await params(), ids.math);
    expect(s.counts).toMatchObject({ selected: 1000, correctSkipped: 500, noReferenceSkipped: 500, wrong: 0 });
    expect(mathRows.filter((r) => r.final_answer_correct)).toHaveLength(500);
    const r = await startProposeJob(
      { datasetId: ids.math, actor: "t" },
      { includeCorrect: "--include-correct", includeNoReference: "--include-no-reference" },
    );
    expect(r).toEqual({
      ok: false,
      error:
        "Nothing to propose: 0 wrong-answer traces (500 correct skipped, 500 without a reference). Use --include-correct to include correct ones; --include-no-reference to send traces without a reference.",
    });
    const forced = await proposeSelection(await params({ includeNoReference: true }), ids.math);
    expect(describeSelection(forced.counts)).toBe(
      "Propose for 500 wrong-answer traces (500 correct skipped, 500 sent without a reference)",
    );
  });

  it("one trace whose problem has no reference is refused (the review screen's f)", async () => {
    const ds = await prisma.dataset.create({ data: { name: `noref-${randomUUID()}` } });
    const p = await prisma.problem.create({
      data: { datasetId: ds.id, statement: "P", answer: "2", contentHash: sha256(ds.id) },
    });
    const t = await prisma.trace.create({
      data: {
        datasetId: ds.id,
        problemId: p.id,
        text: "a\n\n\\boxed{3}",
        stepCount: 2,
        contentHash: sha256("x"),
        correct: false,
      },
    });
    const r = await startProposeJob({ datasetId: ds.id, actor: "t", traceIds: [t.id], includeCorrect: true });
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.error).toMatch(
      /^This problem has no reference solution: the method checks the attempt against it, so nothing was sent/,
    );
    expect(await prisma.job.count({ where: { datasetId: ds.id } })).toBe(0);
  });

  it("unknown correctness is graded against the ground-truth answer; ungradable traces are sent and counted", async () => {
    // the same real rows without the imported judgement: the grader decides
    await prisma.trace.updateMany({ where: { datasetId: ids.refs }, data: { correct: null, answerCheck: null } });
    const s = await proposeSelection(await params(), ids.refs);
    const checks = await prisma.trace.groupBy({
      by: ["answerCheck"],
      where: { datasetId: ids.refs },
      _count: { _all: true },
    });
    const n = Object.fromEntries(checks.map((c) => [c.answerCheck, c._count._all]));
    expect((n.correct ?? 0) + (n.wrong ?? 0) + (n.unknown ?? 0)).toBe(1057);
    // the grader agrees with final_answer_correct on >= 97% of these rows (lib/grade/processbench.test.ts)
    expect(Math.abs((n.correct ?? 0) - 554)).toBeLessThanOrEqual(0.03 * 1057);
    expect(s.counts).toMatchObject({ correctSkipped: n.correct ?? 0, wrong: n.wrong ?? 0, unknown: n.unknown ?? 0 });
    expect(s.send).toHaveLength((n.wrong ?? 0) + (n.unknown ?? 0));
    expect(await selectTraces(await params(), ids.refs)).toEqual(s.send);
  }, 120_000);
});
