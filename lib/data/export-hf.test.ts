import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { parse as parseYaml } from "yaml";
import { HF_PARQUET_PATH } from "@/lib/core/export/hf";
import { PER_PROBLEM_RULE } from "@/lib/core/export/per-problem";
import { PROVENANCE_KEYS } from "@/lib/core/export/provenance";
import { GRADER_VERSION } from "@/lib/core/grade/version";
import pkg from "@/package.json";
import { exportLines, newCounts, type ExportOptions } from "./export";
import { writeHfFolder } from "./export-hf";
import { seedProvenanceSet, type ProvenanceSet } from "@/test-support/provenance-set";

// The hf export (issue 12 §6): the Parquet file read back with hyparquet holds exactly the int
// export's rows, the dataset card's YAML parses and declares the Parquet file's features, and
// provenance.json says where every row came from.

const dir = mkdtempSync(join(tmpdir(), "int-hf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let s: ProvenanceSet;
beforeAll(async () => {
  s = await seedProvenanceSet("hf set");
});

async function intRows(o: ExportOptions) {
  const out: unknown[] = [];
  for await (const l of exportLines({ ...o, format: "int" }, newCounts({ ...o, format: "int" }))) out.push(JSON.parse(l));
  return out;
}

async function readParquet(path: string) {
  const bytes = readFileSync(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  return { rows, schema: parquetSchema(parquetMetadata(file)) };
}

type Tree = ReturnType<typeof parquetSchema>;
/** HF features as the Parquet file declares them (what `datasets` infers from the file). */
function featuresOf(tree: Tree): unknown[] {
  const dtype = (t: Tree) => (t.element.type === "INT64" ? "int64" : t.element.type === "BYTE_ARRAY" && t.element.converted_type === "UTF8" ? "string" : `?${t.element.type}`);
  return tree.children.map((c) =>
    c.children.length ? { name: c.element.name, struct: c.children.map((x) => ({ name: x.element.name, dtype: dtype(x) })) } : { name: c.element.name, dtype: dtype(c) },
  );
}

// The dataset card's YAML header, as the Hub reads it.
type CardHeader = {
  configs: { config_name: string; data_files: { split: string; path: string }[] }[];
  dataset_info: { features: unknown; splits: { name: string; num_examples: number }[] };
  pretty_name?: string;
  license?: string;
};
const frontMatter = (md: string) => {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  if (!m) throw new Error("no YAML header");
  return parseYaml(m[1]) as CardHeader;
};

describe("hf export folder", () => {
  it("Parquet rows and schema equal the int export of the same selection", async () => {
    const o: ExportOptions = { datasetId: s.datasetId, format: "hf", statuses: ["proposed", "accepted", "edited"] };
    const out = join(dir, "all");
    const { counts } = await writeHfFolder(out, o, { id: s.datasetId, name: s.name });
    expect(readdirSync(out).sort()).toEqual(["README.md", "data", "provenance.json"]);
    expect(readdirSync(join(out, "data"))).toEqual(["train-00000-of-00001.parquet"]);
    const { rows, schema } = await readParquet(join(out, HF_PARQUET_PATH));
    const expected = await intRows(o);
    expect(expected).toHaveLength(3);
    expect(counts).toMatchObject({ written: 3, excludedLeakage: 1, problems: 2, maxRowsPerProblem: 2, perProblem: "all" });
    expect(rows.map((r) => Object.keys(r))).toEqual(expected.map((r) => Object.keys(r as object)));
    const back = rows.map((r) => {
      const iv = r.intervention as { content: string; location: bigint };
      expect(typeof iv.location).toBe("bigint");
      return { ...r, intervention: { content: iv.content, location: Number(iv.location) }, provenance: JSON.parse(r.provenance as string) };
    });
    expect(back).toEqual(expected);
    expect(featuresOf(schema)).toEqual([
      { name: "problem", dtype: "string" }, { name: "answer", dtype: "string" }, { name: "reference_solution", dtype: "string" },
      { name: "incorrect_attempt", dtype: "string" },
      { name: "intervention", struct: [{ name: "content", dtype: "string" }, { name: "location", dtype: "int64" }] },
      { name: "intervention_guided_attempt", dtype: "string" }, { name: "provenance", dtype: "string" },
    ]);
    for (const c of schema.children) expect(c.element.repetition_type).toBe("REQUIRED");
  });

  it("the dataset card's YAML parses: configs point at the Parquet file, features match it, license left open", async () => {
    const out = join(dir, "all");
    const card = readFileSync(join(out, "README.md"), "utf8");
    const y = frontMatter(card);
    const { schema } = await readParquet(join(out, HF_PARQUET_PATH));
    expect(y.configs).toEqual([{ config_name: "default", data_files: [{ split: "train", path: "data/train-*.parquet" }] }]);
    const glob = new RegExp(`^${y.configs[0].data_files[0].path.replaceAll(".", "\\.").replaceAll("*", "[^/]*")}$`);
    expect(glob.test(HF_PARQUET_PATH)).toBe(true);
    expect(y.dataset_info.features).toEqual(featuresOf(schema));
    expect(y.dataset_info.splits).toEqual([{ name: "train", num_examples: 3 }]);
    expect(y.pretty_name).toBe(`InT SFT set: ${s.name}`);
    expect(y.license).toBeUndefined();
    expect(card).toMatch(/## License\n\nNot set: left for the dataset owner/);
    expect(card).toContain("InT: Self-Proposed Interventions Enable Credit Assignment in LLM Reasoning");
    expect(card).toContain("Yang, Bai, Wu, Yang, Setlur, Kumar (2026)");
    expect(card).toContain("## How it was made");
    expect(card).toContain(s.fileHash); // the provenance section names the source file's hash
  });

  it("provenance.json has every field, from the rows it describes", () => {
    const p = JSON.parse(readFileSync(join(dir, "all", "provenance.json"), "utf8"));
    expect(Object.keys(p)).toEqual([...PROVENANCE_KEYS]);
    expect(p.studio).toEqual({ name: pkg.name, version: pkg.version });
    expect(p.exported_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(p.dataset).toEqual({ id: s.datasetId, name: s.name });
    expect(p.export).toMatchObject({ format: "hf", statuses: ["proposed", "accepted", "edited"], verified_only: false, per_problem: "all", files: ["README.md", "provenance.json", HF_PARQUET_PATH] });
    expect(p.sources.imports).toEqual([expect.objectContaining({ file_name: "pb-train.jsonl", sha256: s.fileHash, format: "processbench", imported_by: "ada" })]);
    expect(p.sources.generators).toEqual({ "gen-A": 2, "gen-B": 1 });
    expect(p.sources.attempt_origins).toEqual({ imported: 2, sampled: 1 });
    expect(p.sources.sampling_jobs).toEqual([{ job_id: s.sampleJobId, model: "gen-A", endpoint: "trained", base_url: "http://trained:8001/v1", n: 4, sampling: { temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16384 } }]);
    expect(p.interventions).toEqual({ origins: { human: 1, model: 2 }, statuses: { accepted: 1, edited: 1, proposed: 1 } });
    expect(p.templates).toEqual([{ id: s.templateId, name: "int-verifier", version: 3, hash: "tmpl-hash-3", current_hash: "tmpl-hash-3", rows: 2 }]);
    expect(p.proposer).toEqual([{
      model: "prop-model", endpoint: "proposer", base_url: "http://proposer:8000/v1", via: "job", job_id: s.proposeJobId,
      sampling: { temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16384, maxPromptTokens: 30000 }, k: 4, rows: 2,
    }]);
    expect(p.rollouts).toEqual([{
      model: "roll-model", endpoint: "model", base_url: "http://base:8000/v1", job_id: s.rolloutJobId,
      sampling: { temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16384 }, k: 32, min_correct: 1, grader: "int-studio-grade/0", rollouts: 3, correct: 2,
    }]);
    expect(p.grader).toMatchObject({ version: GRADER_VERSION, rollout_mode: "solution" });
    expect(p.grader.source_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.keep_rule).toMatchObject({ statuses: ["proposed", "accepted", "edited"], verified_only: false, per_problem: "every kept intervention", rollout_keep: [{ job_id: s.rolloutJobId, k: 32, min_correct: 1 }] });
    expect(p.keep_rule.leakage).toContain("ground-truth answer");
    expect(p.counts).toMatchObject({ selected: 4, excluded_leakage: 1, written: 3, problems: 2, max_rows_per_problem: 2 });
    expect(p.filters.map((f: { dropped: number }) => f.dropped)).toEqual([0, 1, 0, 0]);
    expect(p.filters.at(-1).out).toBe(3);
    expect(p.jobs.map((j: { id: string }) => j.id).sort()).toEqual([s.proposeJobId, s.rolloutJobId, s.sampleJobId].sort());
    expect(p.method.title).toBe("InT: Self-Proposed Interventions Enable Credit Assignment in LLM Reasoning");
  });

  it("one row per problem: the Parquet file keeps each problem's pick and the counts say what was left out", async () => {
    const o: ExportOptions = { datasetId: s.datasetId, format: "hf", statuses: ["proposed", "accepted", "edited"], perProblem: "one" };
    const out = join(dir, "one");
    const { counts, provenance } = await writeHfFolder(out, o, { id: s.datasetId, name: s.name });
    const { rows } = await readParquet(join(out, HF_PARQUET_PATH));
    // problem 1: accepted (2 correct) vs edited (5 correct): both a person's choice, rollouts decide
    expect(rows.map((r) => JSON.parse(r.provenance as string).intervention_id)).toEqual([s.ids.edited, s.ids.proposed]);
    expect(counts).toMatchObject({ written: 2, problems: 2, maxRowsPerProblem: 1, droppedPerProblem: 1, decidedBy: { only: 1, person: 0, rollouts: 1, first: 0 } });
    expect(provenance.keep_rule.per_problem).toBe(PER_PROBLEM_RULE);
    expect(provenance.filters.at(-1)).toEqual({ filter: "one row per problem", in: 3, dropped: 1, out: 2 });
    expect(frontMatter(readFileSync(join(out, "README.md"), "utf8")).dataset_info.splits[0].num_examples).toBe(2);
  });

  it("an empty selection still writes a readable Parquet file with the declared columns", async () => {
    const out = join(dir, "empty");
    const { counts } = await writeHfFolder(out, { datasetId: s.datasetId, format: "hf", statuses: ["rejected"] }, { id: s.datasetId, name: s.name });
    expect(counts.written).toBe(0);
    const { rows, schema } = await readParquet(join(out, HF_PARQUET_PATH));
    expect(rows).toEqual([]);
    expect(schema.children.map((c) => c.element.name)).toContain("intervention_guided_attempt");
  });
});
