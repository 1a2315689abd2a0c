import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { GET } from "@/app/api/datasets/[datasetId]/export/route";

// The Qwen3 tokenizer takes seconds to build on a busy machine: load it once, up front.
beforeAll(async () => {
  await (await import("@/lib/tokens/qwen3-tokenizer")).loadQwen3();
}, 120_000);


// The download route (app/api/datasets/[datasetId]/export/route.ts) called as Next calls it.

let datasetId = "";
const call = (query: string, id = datasetId) =>
  GET(new Request(`http://127.0.0.1/api/datasets/${id}/export?${query}`), { params: Promise.resolve({ datasetId: id }) });

beforeAll(async () => {
  const ds = await prisma.dataset.create({ data: { name: "web set/1" } });
  datasetId = ds.id;
  const p = await prisma.problem.create({ data: { datasetId, statement: "Compute 2+2.", answer: "4", contentHash: sha256("p") } });
  for (const [i, status] of (["todo", "curated"] as const).entries()) {
    const t = await prisma.trace.create({ data: { id: `${datasetId}-t${i}`, datasetId, problemId: p.id, text: `Start ${i}.\n\n2+2=5.`, stepCount: 2, contentHash: `h${i}`, status, generator: `g${i}` } });
    await prisma.intervention.create({ data: { traceId: t.id, location: 2, content: `Add carefully ${i}.`, status: "accepted", origin: "human", contentHash: `c${i}` } });
    await prisma.intervention.create({ data: { traceId: t.id, location: 2, content: `so 2+2=4 (${i})`, status: "accepted", origin: "human", contentHash: `d${i}` } });
  }
});

describe("GET /api/datasets/:id/export", () => {
  it("streams the JSONL as a download named <dataset>-<format>.jsonl", async () => {
    const res = await call("format=llamafactory");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/jsonl");
    expect(res.headers.get("content-disposition")).toContain('attachment; filename="web_set_1-llamafactory.jsonl"');
    expect(res.headers.get("x-export-summary")).toContain("summary=1");
    const lines = (await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { problem: "Compute 2+2.", intervention_guided_attempt: "Start 0.\n\nAdd carefully 0." },
      { problem: "Compute 2+2.", intervention_guided_attempt: "Start 1.\n\nAdd carefully 1." },
    ]);
  });

  it("takes the list's filters, with `status` shared between list and export", async () => {
    const text = async (q: string) => (await (await call(q)).text()).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect((await text("format=int&status=curated")).map((r) => r.incorrect_attempt)).toEqual(["Start 1.\n\n2+2=5."]);
    expect(await text("format=int&status=curated&status=proposed")).toEqual([]);
    expect(await text("format=int&generator=g0&status=accepted,edited")).toHaveLength(1);
    expect(await text("format=int&q=Start%201")).toHaveLength(1);
  });

  it("summary=1 returns the counts, including interventions excluded for leakage", async () => {
    const res = await call("format=trl&summary=1");
    expect(await res.json()).toMatchObject({ dataset: "web set/1", fileName: "web_set_1-trl.jsonl", written: 2, excludedLeakage: 2, statuses: ["accepted", "edited"], done: true });
  });

  it("parts: dataset_info entry and notes", async () => {
    const info = await call("format=llamafactory&part=dataset_info");
    expect(info.headers.get("content-disposition")).toContain('filename="dataset_info.json"');
    expect(await info.json()).toEqual({ int_web_set_1: { file_name: "web_set_1-llamafactory.jsonl", formatting: "alpaca", columns: { prompt: "problem", response: "intervention_guided_attempt" } } });
    expect(await (await call("format=llamafactory&part=note")).text()).toContain('format_assistant=StringFormatter(slots=["{{content}}"])');
    expect(await (await call("format=trl&part=note")).text()).toContain("eos_token");
    expect((await call("format=hf&part=note")).status).toBe(400);
  });

  it("trl-tokenized: token rows over the web, the template parameter and the note", async () => {
    const res = await call("format=trl-tokenized");
    expect(res.headers.get("content-disposition")).toContain('filename="web_set_1-trl-tokenized.jsonl"');
    const rows = (await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(rows).toHaveLength(2);
    const { loadQwen3 } = await import("@/lib/tokens/qwen3-tokenizer");
    const q = await loadQwen3();
    expect(q.decode(rows[0].input_ids)).toBe("<|im_start|>user\nCompute 2+2.<|im_end|>\n<|im_start|>assistant\nStart 0.\n\nAdd carefully 0.");
    expect(rows[0].labels.slice(0, rows[0].num_prompt_tokens).every((l: number) => l === -100)).toBe(true);
    expect(await (await call("format=trl-tokenized&summary=1")).json()).toMatchObject({ written: 2, excludedLeakage: 2 });
    const h = (await (await call("format=trl-tokenized&template=qwen3-hybrid-nothink")).text()).split("\n")[0];
    expect(q.decode(JSON.parse(h).input_ids)).toContain("<think>\n\n</think>\n\nStart 0.");
    expect((await call("format=trl-tokenized&template=x")).status).toBe(400);
    // the served model's own template file: refused with the reason until it is set, then used
    delete process.env.INT_CHAT_TEMPLATE_FILE;
    const unset = await call("format=trl-tokenized&template=model-file");
    expect(unset.status).toBe(400);
    expect((await unset.json()).error).toContain("INT_CHAT_TEMPLATE_FILE");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { QWEN3_INSTRUCT_2507_TEMPLATE } = await import("@/lib/tokens/qwen3-templates");
    const cfg = `${mkdtempSync("/tmp/tokcfg-")}/tokenizer_config.json`;
    writeFileSync(cfg, JSON.stringify({ chat_template: QWEN3_INSTRUCT_2507_TEMPLATE }));
    process.env.INT_CHAT_TEMPLATE_FILE = cfg;
    const viaFile = (await (await call("format=trl-tokenized&template=model-file")).text()).split("\n")[0];
    expect(JSON.parse(viaFile).input_ids).toEqual(rows[0].input_ids);
    delete process.env.INT_CHAT_TEMPLATE_FILE;
    expect(await (await call("format=trl-tokenized&part=note")).text()).toContain("completion_mask");
  });

  it("refuses unknown dataset, format and status with a JSON error", async () => {
    expect((await call("format=int", "nope")).status).toBe(404);
    const bad = await call("format=csv");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain('unknown format "csv"');
    expect((await call("format=int&status=bogus")).status).toBe(400);
  });
});

describe("GET /api/datasets/:id/export: hf, provenance, one row per problem (issue 12)", () => {
  let s: import("@/test-support/provenance-set").ProvenanceSet;
  beforeAll(async () => {
    s = await (await import("@/test-support/provenance-set")).seedProvenanceSet("web prov");
  });

  it("format=hf downloads a .zip of the folder whose Parquet file holds the int rows", async () => {
    const { unzipSync, strFromU8 } = await import("fflate");
    const { parquetReadObjects } = await import("hyparquet");
    const res = await call("format=hf&status=any", s.datasetId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const stem = s.name.replace(/[^A-Za-z0-9._-]+/g, "_");
    expect(res.headers.get("content-disposition")).toContain(`filename="${stem}-hf.zip"`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([`${stem}-hf/README.md`, `${stem}-hf/data/train-00000-of-00001.parquet`, `${stem}-hf/provenance.json`]);
    const pq = files[`${stem}-hf/data/train-00000-of-00001.parquet`];
    const rows = await parquetReadObjects({ file: pq.buffer.slice(pq.byteOffset, pq.byteOffset + pq.byteLength) as ArrayBuffer });
    const ints = (await (await call("format=int&status=any", s.datasetId)).text()).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(rows.map((r) => JSON.parse(r.provenance as string))).toEqual(ints.map((r) => r.provenance));
    expect(strFromU8(files[`${stem}-hf/README.md`])).toMatch(/^---\npretty_name: /);
    expect(JSON.parse(strFromU8(files[`${stem}-hf/provenance.json`])).export.format).toBe("hf");
  });

  it("part=provenance for every format; part=note carries it; per_problem=one and rows-per-problem in the summary", async () => {
    for (const format of ["int", "llamafactory", "trl", "trl-tokenized", "processbench", "hf"]) {
      const res = await call(`format=${format}&status=any&part=provenance`, s.datasetId);
      expect(res.status).toBe(200);
      const p = await res.json();
      expect(p.export.format).toBe(format);
      expect(p.sources.imports[0].sha256).toBe(s.fileHash);
    }
    const note = await (await call("format=int&status=any&part=note", s.datasetId)).text();
    expect(note).toContain("# InT export");
    expect(note).toContain("## Provenance");
    expect(note).toContain("`prop-model` via endpoint proposer");
    expect(await (await call("format=int&status=any&summary=1", s.datasetId)).json()).toMatchObject({ written: 3, problems: 2, maxRowsPerProblem: 2, perProblem: "all" });
    expect(await (await call("format=trl&status=any&per_problem=one&summary=1", s.datasetId)).json()).toMatchObject({ written: 2, problems: 2, perProblem: "one", droppedPerProblem: 1 });
    expect((await call("format=int&per_problem=two", s.datasetId)).status).toBe(400);
  });
});
