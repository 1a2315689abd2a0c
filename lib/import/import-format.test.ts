import { describe, expect, it } from "vitest";
import { importBuffer } from "./importer";

describe("import format name", () => {
  it("an unknown format is refused up front, naming the field and the known formats", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ problem: "p", answer: "1" }) + "\n");
    const r = await importBuffer(bytes, "x.jsonl", { dataset: "fmt-unknown", format: "csv" as never, actor: "test" });
    expect(r).toEqual({
      ok: false,
      truncated: false,
      errors: [
        {
          file: "x.jsonl",
          line: 0,
          field: "format",
          message: 'unknown format "csv" (use auto, int, processbench, prm800k, problems)',
        },
      ],
    });
  });
});
