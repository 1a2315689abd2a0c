// The upload route (app/api/import/route.ts) end to end, with the actor cookie mocked.
import { describe, expect, test, vi } from "vitest";
import { prisma } from "@/lib/db";

vi.mock("@/lib/server/actor", () => ({ getActor: async () => "uploader" }));
const { POST } = await import("@/app/api/import/route");

function upload(fields: Record<string, string>, file?: { name: string; text: string }): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file.text], file.name));
  return new Request("http://localhost/api/import", { method: "POST", body: form });
}

const row = { problem: "What is $2+2$?", answer: "4", reference_solution: "$2+2=4$.", incorrect_attempt: "So $2+2=5$.\n\n\\boxed{5}", intervention: { content: "Add: $2+2=4$.", location: "Substep 1" } };

describe("POST /api/import", () => {
  test("imports an uploaded file and returns the summary", async () => {
    const res = await POST(upload({ dataset: "up", format: "auto" }, { name: "up.jsonl", text: JSON.stringify(row) + "\n" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, summary: { dataset: "up", format: "int", problems: 1, traces: 1, interventions: 1 } });
    const rec = await prisma.importRecord.findFirstOrThrow({ where: { dataset: { name: "up" } } });
    expect(rec.actor).toBe("uploader");
  });

  test("a bad file returns the errors with file, line and field; nothing is written", async () => {
    const bad = JSON.stringify({ ...row, problem: "other", intervention: { content: "x", location: 3 } });
    const res = await POST(upload({ dataset: "up-bad" }, { name: "bad.jsonl", text: JSON.stringify(row) + "\n" + bad + "\n" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      ok: false,
      truncated: false,
      errors: [{ file: "bad.jsonl", line: 2, field: "intervention.location", message: "is 3 but the attempt has 2 step(s): it must be within 1..2" }],
    });
    expect(await prisma.dataset.count({ where: { name: "up-bad" } })).toBe(0);
  });

  test("missing file, missing dataset and unknown format are refused", async () => {
    expect((await POST(upload({ dataset: "x" }))).status).toBe(400);
    const noName = await (await POST(upload({}, { name: "a.jsonl", text: "{}" }))).json();
    expect(noName.errors[0]).toMatchObject({ field: "dataset" });
    const fmt = await (await POST(upload({ dataset: "x", format: "csv" }, { name: "a.jsonl", text: "{}" }))).json();
    expect(fmt.errors[0]).toMatchObject({ field: "format" });
  });
});
