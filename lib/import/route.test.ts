// The upload routes (app/api/import/...) end to end, with the actor cookie mocked: the upload is
// streamed to a temp file, imported by a child process, and its progress record polled.
import { describe, expect, test, vi } from "vitest";
import { prisma } from "@/lib/db";

vi.mock("@/lib/server/actor", () => ({ getActor: async () => "uploader" }));
const { uploadAndWait } = await import("./upload-test-client");

const row = {
  problem: "What is $2+2$?",
  answer: "4",
  reference_solution: "$2+2=4$.",
  incorrect_attempt: "So $2+2=5$.\n\n\\boxed{5}",
  intervention: { content: "Add: $2+2=4$.", location: "Substep 1" },
};

describe("POST /api/import", () => {
  test("imports an uploaded file off the request thread; the progress record ends with the summary", async () => {
    const r = await uploadAndWait(
      { dataset: "up", format: "auto" },
      { name: "up.jsonl", text: JSON.stringify(row) + "\n" },
    );
    expect(r.status).toBe(202);
    expect(r.run).toMatchObject({
      phase: "done",
      fileName: "up.jsonl",
      result: { ok: true, dataset: "up", format: "int", problems: 1, traces: 1, interventions: 1, records: 1 },
    });
    const rec = await prisma.importRecord.findFirstOrThrow({ where: { dataset: { name: "up" } } });
    expect(rec.actor).toBe("uploader");
  });

  test("a bad file ends with the errors with file, line and field; nothing is written", async () => {
    const bad = JSON.stringify({ ...row, problem: "other", intervention: { content: "x", location: 3 } });
    const r = await uploadAndWait(
      { dataset: "up-bad" },
      { name: "bad.jsonl", text: JSON.stringify(row) + "\n" + bad + "\n" },
    );
    expect(r.run).toMatchObject({ phase: "failed" });
    expect(r.run.result).toEqual({
      ok: false,
      truncated: false,
      errors: [
        {
          file: "bad.jsonl",
          line: 2,
          field: "intervention.location",
          message: "is 3 but the attempt has 2 step(s): it must be within 1..2",
        },
      ],
    });
    expect(await prisma.dataset.count({ where: { name: "up-bad" } })).toBe(0);
  });

  test("missing file, missing dataset and unknown format are refused before any import", async () => {
    expect((await uploadAndWait({ dataset: "x" })).status).toBe(400);
    const noName = await uploadAndWait({}, { name: "a.jsonl", text: "{}" });
    expect(noName.body.errors[0]).toMatchObject({ field: "dataset" });
    const fmt = await uploadAndWait({ dataset: "x", format: "csv" }, { name: "a.jsonl", text: "{}" });
    expect(fmt.body.errors[0]).toMatchObject({ field: "format" });
  });

  test("a path in the uploaded file name is dropped", async () => {
    const r = await uploadAndWait(
      { dataset: "up-path" },
      { name: "../../etc/evil.jsonl", text: JSON.stringify({ ...row, problem: "p2" }) + "\n" },
    );
    expect(r.run).toMatchObject({ phase: "done", fileName: "evil.jsonl" });
  });
});
