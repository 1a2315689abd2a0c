import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "@/lib/db";
import { closeSharedGradePool, sharedGradePool } from "@/lib/grade/shared-pool";
import { writeModelSettings } from "@/lib/model/settings";
import { exportRolloutBatch, importRolloutResults } from "./batch";
import { seedRolloutData, RIGHT, WRONG } from "@/test-support/rollouts";

const dir = mkdtempSync(join(tmpdir(), "rollout-batch-"));
beforeAll(async () => {
  await writeModelSettings({ baseUrl: "http://127.0.0.1:9/v1", name: "batch-model" });
  await sharedGradePool().ready();
}, 120_000);
afterAll(() => closeSharedGradePool());

/** What `vllm run-batch` would write: one result per request, the reply chosen by `reply`. */
function fakeResults(
  reqFile: string,
  outFile: string,
  reply: (body: { messages: { content: string }[] }, i: number) => string,
) {
  const lines = readFileSync(reqFile, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  writeFileSync(
    outFile,
    lines
      .map((r, i) =>
        JSON.stringify({
          id: `r${i}`,
          custom_id: r.custom_id,
          error: null,
          response: {
            status_code: 200,
            body: {
              model: "batch-model",
              choices: [{ message: { role: "assistant", content: reply(r.body, i) }, finish_reason: "stop" }],
            },
          },
        }),
      )
      .join("\n") + "\n",
  );
  return lines;
}

describe("rollouts and attempts batch files", () => {
  it("exports continuation requests, imports graded rollouts idempotently and applies the keep filter", async () => {
    const s = await seedRolloutData(["GOOD: batch"]);
    const req = join(dir, "roll.jsonl");
    const r = await exportRolloutBatch("rollouts", s.datasetId, req, { k: 3, conditions: ["intervention", "problem"] });
    expect(r.lines).toBe(6);
    const out = join(dir, "roll.out.jsonl");
    const lines = fakeResults(req, out, (b, i) => (i === 0 ? RIGHT : WRONG));
    expect(lines[0].body).toMatchObject({
      model: "batch-model",
      continue_final_message: true,
      add_generation_prompt: false,
      top_k: 20,
    });
    expect(lines[0].body.messages[1].content).toBe("Let us add the numbers.\n\nGOOD: batch");
    expect(lines[5].body).toMatchObject({ add_generation_prompt: true });
    const sum = await importRolloutResults(out);
    expect(sum).toMatchObject({ lines: 6, stored: 6, failed: [], interventions: 1 });
    expect(await importRolloutResults(out)).toMatchObject({ stored: 6 });
    expect(await prisma.rollout.count({ where: { problemId: s.problemId } })).toBe(6);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: s.interventionIds[0] } })).toMatchObject({
      verified: true,
      rolloutsCorrect: 1,
      rolloutsTotal: 3,
    });
  });

  it("attempts: incorrect results become sampled traces", async () => {
    const s = await seedRolloutData([]);
    const req = join(dir, "att.jsonl");
    expect((await exportRolloutBatch("attempts", s.datasetId, req, { n: 2 })).lines).toBe(2);
    const out = join(dir, "att.out.jsonl");
    fakeResults(req, out, (_b, i) => (i === 0 ? RIGHT : WRONG));
    const sum = await importRolloutResults(out);
    expect(sum).toMatchObject({ stored: 2, failed: [] });
    expect(
      await prisma.trace.count({ where: { problemId: s.problemId, origin: "sampled", correct: false, text: WRONG } }),
    ).toBe(1);
    writeFileSync(
      join(dir, "bad.jsonl"),
      "not json\n" +
        JSON.stringify({
          custom_id: "bzzz:rollouts:intervention:x:0",
          response: { body: { choices: [{ message: { content: "x" } }] } },
        }) +
        "\n",
    );
    const bad = await importRolloutResults(join(dir, "bad.jsonl"));
    expect(bad.failed.map((f) => f.reason)).toEqual([
      "not JSON",
      "unknown batch bzzz (exported from another database?)",
    ]);
  });
});
