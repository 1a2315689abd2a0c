import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { PROVENANCE_KEYS } from "@/lib/core/export/provenance";
import { GRADER_VERSION } from "@/lib/core/grade/version";
import pkg from "@/package.json";
import { seedProvenanceSet, type ProvenanceSet } from "@/test-support/provenance-set";
import { run } from "./export";

// CLI side of issue 12 §4 (one row per problem) and §6 (provenance beside every format, hf folder).

beforeAll(async () => {
  await (await import("@/lib/tokens/qwen3-tokenizer")).loadQwen3();
}, 120_000);

const dir = mkdtempSync(join(tmpdir(), "int-export-prov-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await run(argv);
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

let s: ProvenanceSet;
beforeAll(async () => {
  s = await seedProvenanceSet("cli prov");
});

describe("export provenance sidecars", () => {
  it.each(["int", "llamafactory", "trl", "trl-tokenized", "processbench"])(
    "%s: OUT.provenance.json and a README note carrying it",
    async (format) => {
      const out = join(dir, `${format}.jsonl`);
      const r = await cli("--dataset", s.name, "--format", format, "--out", out, "--status", "any");
      expect(r.code).toBe(0);
      expect(r.out).toContain(`${format}.provenance.json`);
      const p = JSON.parse(readFileSync(join(dir, `${format}.provenance.json`), "utf8"));
      expect(Object.keys(p)).toEqual([...PROVENANCE_KEYS]);
      expect(p.studio.version).toBe(pkg.version);
      expect(p.export).toMatchObject({
        format,
        files: [`${format}.jsonl`, `${format}.README.md`, `${format}.provenance.json`],
      });
      expect(p.sources.imports[0]).toMatchObject({ file_name: "pb-train.jsonl", sha256: s.fileHash });
      expect(p.grader.version).toBe(GRADER_VERSION);
      const lines = readFileSync(out, "utf8").split("\n").filter(Boolean).length;
      expect(p.counts.written).toBe(lines);
      const note = readFileSync(join(dir, `${format}.README.md`), "utf8");
      expect(note).toContain("## Provenance");
      expect(note).toContain(s.fileHash);
      expect(note).toContain(GRADER_VERSION);
      if (format === "processbench") {
        expect(p.proposer).toEqual([]);
        expect(p.filters).toEqual([]);
        return;
      }
      expect(p.proposer[0]).toMatchObject({
        model: "prop-model",
        endpoint: "proposer",
        base_url: "http://proposer:8000/v1",
        k: 4,
      });
      expect(p.rollouts[0]).toMatchObject({ model: "roll-model", rollouts: 3, correct: 2 });
      expect(p.templates[0]).toMatchObject({ name: "int-verifier", version: 3, hash: "tmpl-hash-3" });
      expect(note).toContain("`prop-model` via endpoint proposer (http://proposer:8000/v1)");
      expect(note).toContain("| leakage (contains the answer) | 4 | 1 | 3 |");
    },
  );

  it("--per-problem one: one row per problem, and the summary says rows for problems and what was left out", async () => {
    const all = await cli("--dataset", s.name, "--format", "int", "--out", join(dir, "all.jsonl"), "--status", "any");
    expect(all.out).toContain("3 rows for 2 problems (every kept intervention, up to 2 per problem)");
    const one = await cli(
      "--dataset",
      s.name,
      "--format",
      "int",
      "--out",
      join(dir, "one.jsonl"),
      "--status",
      "any",
      "--per-problem",
      "one",
    );
    expect(one.code).toBe(0);
    expect(one.out).toContain(
      "2 rows for 2 problems (one per problem; 1 other kept interventions left out (decided by: person 0, rollouts 1, first parsed 0, only one 1))",
    );
    const ids = readFileSync(join(dir, "one.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).provenance.intervention_id);
    expect(ids).toEqual([s.ids.edited, s.ids.proposed]);
    // default statuses (accepted, edited): problem 1 has two person's choices, rollouts decide
    const kept = await cli(
      "--dataset",
      s.name,
      "--format",
      "trl",
      "--out",
      join(dir, "kept.jsonl"),
      "--per-problem",
      "one",
    );
    expect(kept.out).toContain("1 rows for 1 problems");
    const bad = await cli(
      "--dataset",
      s.name,
      "--format",
      "int",
      "--out",
      join(dir, "x.jsonl"),
      "--per-problem",
      "first",
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown --per-problem "first" (use all, one)');
    expect(
      (
        await cli(
          "--dataset",
          s.name,
          "--format",
          "processbench",
          "--out",
          join(dir, "y.jsonl"),
          "--per-problem",
          "one",
        )
      ).err,
    ).toContain("processbench has one row per trace");
  });

  it("--format hf --out DIR writes the folder", async () => {
    const out = join(dir, "hf-set");
    const r = await cli("--dataset", s.name, "--format", "hf", "--out", out, "--status", "any", "--per-problem", "one");
    expect(r.code).toBe(0);
    expect(r.out).toContain("as hf to");
    expect(r.out).toContain("2 rows for 2 problems (one per problem");
    for (const f of ["README.md", "provenance.json", "data/train-00000-of-00001.parquet"])
      expect(existsSync(join(out, f))).toBe(true);
    const bytes = readFileSync(join(out, "data/train-00000-of-00001.parquet"));
    const rows = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    });
    expect(rows).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(out, "provenance.json"), "utf8")).export).toMatchObject({
      format: "hf",
      per_problem: "one",
    });
    const file = await cli("--dataset", s.name, "--format", "hf", "--out", join(dir, "int.jsonl"));
    expect(file.code).toBe(2);
    expect(file.err).toContain("is a file; --format hf writes a folder");
  });
});
