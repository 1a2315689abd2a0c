import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { run } from "./export";

// The Qwen3 tokenizer takes seconds to build on a busy machine: load it once, up front.
beforeAll(async () => {
  await (await import("@/lib/tokens/qwen3-tokenizer")).loadQwen3();
}, 120_000);

const dir = mkdtempSync(join(tmpdir(), "int-export-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  return { out, err, restore: () => (o.mockRestore(), e.mockRestore()) };
}

async function cli(...argv: string[]) {
  const c = capture();
  try {
    const code = await run(argv);
    return { code, out: c.out.join(""), err: c.err.join("") };
  } finally {
    c.restore();
  }
}

beforeAll(async () => {
  const ds = await prisma.dataset.create({ data: { name: "cli set" } });
  const p = await prisma.problem.create({
    data: { datasetId: ds.id, statement: "What is 6*7?", answer: "42", contentHash: sha256("q") },
  });
  const t = await prisma.trace.create({
    data: {
      datasetId: ds.id,
      problemId: p.id,
      text: "6*7 = 48\n\nSo \\boxed{48}",
      stepCount: 2,
      contentHash: "h",
      externalId: "pb-1",
      generator: "g",
    },
  });
  await prisma.firstErrorLabel.create({
    data: { traceId: t.id, step: 1, source: "imported", annotator: "processbench" },
  });
  await prisma.intervention.createMany({
    data: [
      {
        traceId: t.id,
        location: 1,
        content: "Compute 6*7 as 6*7 = 6*5 + 6*2.",
        status: "accepted",
        origin: "human",
        contentHash: "a",
      },
      { traceId: t.id, location: 1, content: "It is 42.", status: "accepted", origin: "human", contentHash: "b" },
      { traceId: t.id, location: 2, content: "Proposed.", status: "proposed", origin: "model", contentHash: "c" },
    ],
  });
});

describe("npm run int -- export", () => {
  it("int: writes the JSONL and prints one summary line with the leakage count", async () => {
    const out = join(dir, "a.jsonl");
    const r = await cli("--dataset", "cli set", "--format", "int", "--out", out);
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toHaveLength(1);
    expect(r.out).toContain("exported 1 interventions");
    expect(r.out).toContain("1 excluded (contain the answer)");
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows[0].intervention_guided_attempt).toBe("Compute 6*7 as 6*7 = 6*5 + 6*2.");
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it("--status any adds proposed ones", async () => {
    const r = await cli("--dataset", "cli set", "--format", "trl", "--out", join(dir, "t.jsonl"), "--status", "any");
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "t.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
    expect(readFileSync(join(dir, "t.README.md"), "utf8")).toMatch(/EOS|eos_token/);
  });

  it("llamafactory: merges dataset_info.json beside --out and writes the template note", async () => {
    const sub = mkdtempSync(join(dir, "lf-"));
    writeFileSync(join(sub, "dataset_info.json"), JSON.stringify({ other: { file_name: "x.json" } }));
    const r = await cli("--dataset", "cli set", "--format", "llamafactory", "--out", join(sub, "sft.jsonl"));
    expect(r.code).toBe(0);
    const info = JSON.parse(readFileSync(join(sub, "dataset_info.json"), "utf8"));
    expect(info.other).toEqual({ file_name: "x.json" });
    expect(info.int_cli_set).toEqual({
      file_name: "sft.jsonl",
      formatting: "alpaca",
      columns: { prompt: "problem", response: "intervention_guided_attempt" },
    });
    expect(readFileSync(join(sub, "sft.README.md"), "utf8")).toContain("qwen3_nothink_noeos");
  });

  it("trl-tokenized: input_ids/labels rows with no end token after the response, and the note", async () => {
    const out = join(dir, "tok.jsonl");
    const r = await cli("--dataset", "cli set", "--format", "trl-tokenized", "--out", out, "--status", "any");
    expect(r.code).toBe(0);
    expect(r.out).toContain("exported 2 interventions");
    expect(r.out).toContain("as trl-tokenized");
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const { loadQwen3 } = await import("@/lib/tokens/qwen3-tokenizer");
    const q = await loadQwen3();
    const texts = rows.map((row) => q.decode(row.input_ids)).sort();
    const prompt = "<|im_start|>user\nWhat is 6*7?<|im_end|>\n<|im_start|>assistant\n";
    expect(texts).toEqual([prompt + "6*7 = 48\n\nProposed.", prompt + "Compute 6*7 as 6*7 = 6*5 + 6*2."].sort());
    for (const row of rows) {
      expect([151643, 151645]).not.toContain(row.input_ids.at(-1));
      expect(q.decode(row.input_ids.slice(0, row.num_prompt_tokens))).toBe(prompt);
      expect(row.labels.filter((l: number) => l === -100)).toHaveLength(row.num_prompt_tokens);
    }
    expect(readFileSync(join(dir, "tok.README.md"), "utf8")).toContain("qwen3-instruct-2507");
    const h = await cli(
      "--dataset",
      "cli set",
      "--format",
      "trl-tokenized",
      "--out",
      join(dir, "h.jsonl"),
      "--template",
      "qwen3-hybrid-nothink",
    );
    expect(h.code).toBe(0);
    expect(q.decode(JSON.parse(readFileSync(join(dir, "h.jsonl"), "utf8")).input_ids)).toContain(
      "<think>\n\n</think>\n\nCompute",
    );
    expect(
      (
        await cli(
          "--dataset",
          "cli set",
          "--format",
          "trl-tokenized",
          "--out",
          join(dir, "x.jsonl"),
          "--template",
          "llama",
        )
      ).err,
    ).toContain('unknown template "llama"');
  });

  it("processbench: 0-based labels and imported ids", async () => {
    const out = join(dir, "pb.jsonl");
    expect((await cli("--dataset", "cli set", "--format", "processbench", "--out", out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({
      id: "pb-1",
      generator: "g",
      problem: "What is 6*7?",
      steps: ["6*7 = 48", "So \\boxed{48}"],
      final_answer_correct: null,
      label: 0,
    });
  });

  it("fails with a clear message on unknown dataset, format, status or option", async () => {
    const out = join(dir, "never.jsonl");
    const a = await cli("--dataset", "nope", "--format", "int", "--out", out);
    expect(a.code).not.toBe(0);
    expect(a.err).toContain('unknown dataset "nope"');
    const b = await cli("--dataset", "cli set", "--format", "csv", "--out", out);
    expect(b.code).not.toBe(0);
    expect(b.err).toContain('unknown format "csv"');
    expect((await cli("--dataset", "cli set", "--format", "int", "--out", out, "--status", "done")).err).toContain(
      'unknown status "done"',
    );
    expect((await cli("--dataset", "cli set", "--format", "int")).err).toContain("required");
    expect((await cli("--bogus")).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
