// Tokenized export (issue 5 §5): the trl-tokenized export of 10,000 interventions (DB read in
// batches + guided attempt + chat template + Qwen3 tokenizer + checks + JSONL write) against
// the tokenizer's raw encode of the same texts (rendered prompt + guided attempt, one encode
// per row), measured in the same process after the tokenizer is loaded and warmed up (one
// untimed pass), baseline = mean of a pass before and a pass after the export. Target: <= 2x.
// Texts are real ProcessBench traces; each row gets its own problem text so the export's
// per-problem prompt cache gives it no edge over the baseline.
//   npx tsx bench/tokenized-export.ts      (alone; BENCH_SCALE=0.05 for a quick run)
//   bench/run.ts: { name: "tokens", title: "Tokenized export", run: benchTokenizedExport }
import { createWriteStream, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { sharedData } from "@/test-support/shared-data";
import { buildGuidedAttempt } from "@/lib/core/guided";
import { exportLines, newCounts, type ExportOptions } from "@/lib/data/export";
import { renderPrompt } from "@/lib/tokens/chat";
import { loadQwen3 } from "@/lib/tokens/qwen3-tokenizer";
import { removeDb, scaled, tempDb } from "./lib/config";
import { fill } from "./lib/fill";
import { markdownTable, type BenchLine } from "./lib/result";
import { round } from "./lib/stats";

type Ref = { id: string; problem: string; steps: string[]; first_error_index: number; reference_solution: string };

const ANSWER = "\\dfrac{1}{9973}"; // in no intervention: the leakage filter keeps every row

function rows(n: number) {
  const refs: Ref[] = readFileSync(sharedData("processbench", "with-references.gsm8k-math.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return Array.from({ length: n }, (_, i) => {
    const r = refs[i % refs.length];
    const k = Math.floor(i / refs.length);
    const location = r.first_error_index >= 0 ? r.first_error_index + 1 : r.steps.length;
    const line = r.reference_solution.split("\n").find((l) => l.trim()) ?? "";
    return {
      id: `tok-${i}`,
      problem: `${r.problem} (variant ${k})`,
      answer: ANSWER,
      reference_solution: r.reference_solution,
      incorrect_attempt: r.steps.join("\n\n"),
      generator: `bench-${k}`,
      intervention: { content: `Let me redo this step. ${line}`, location },
    };
  });
}

async function exportTo(path: string, o: ExportOptions) {
  const counts = newCounts(o);
  const ws = createWriteStream(path);
  let buf = "";
  for await (const line of exportLines(o, counts)) {
    buf += line;
    if (buf.length >= 1 << 20) {
      if (!ws.write(buf)) await once(ws, "drain");
      buf = "";
    }
  }
  ws.end(buf);
  await once(ws, "finish");
  return counts;
}

export async function benchTokenizedExport(
  log: (s: string) => void = console.log,
): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const n = scaled(10_000, 200);
  const db = tempDb("tokenized");
  const out = "/tmp/int-bench-tokenized.jsonl";
  try {
    const data = rows(n);
    const { datasetId } = fill(db.url, "tokenized", data);
    const t0 = performance.now();
    const q = await loadQwen3();
    const loadMs = performance.now() - t0;
    log(`tokenized: ${n} rows filled; tokenizer loaded in ${Math.round(loadMs)} ms (not timed below)`);
    // The same texts the export tokenizes: rendered prompt + guided attempt, one string per row.
    const texts = data.map(
      (r) =>
        renderPrompt("qwen3-instruct-2507", q.hybridTemplate, r.problem) +
        buildGuidedAttempt(r.incorrect_attempt, r.intervention.location, r.intervention.content),
    );
    const rawEncode = () => {
      const t = performance.now();
      let tokens = 0;
      for (const s of texts) tokens += q.encode(s).length;
      return { ms: performance.now() - t, tokens };
    };
    // The tokenizer's BPE word cache and the JIT make a first pass ~3x slower than the next
    // ones: warm up once (untimed) so the export and the baseline run in the same state.
    const w = rawEncode();
    log(`tokenized: warm-up encode ${Math.round(w.ms)} ms (not counted)`);
    const r1 = rawEncode();
    log(`tokenized: raw encode ${Math.round(r1.ms)} ms (${r1.tokens} tokens)`);
    const t1 = performance.now();
    const counts = await exportTo(out, {
      datasetId,
      format: "trl-tokenized",
      statuses: ["proposed", "accepted", "edited"],
      url: db.url,
      template: "qwen3-instruct-2507",
    });
    const exportMs = performance.now() - t1;
    log(`tokenized: export ${Math.round(exportMs)} ms, ${counts.written} rows`);
    const r2 = rawEncode();
    log(`tokenized: raw encode again ${Math.round(r2.ms)} ms`);
    if (counts.written !== n)
      throw new Error(
        `the export wrote ${counts.written} rows, expected ${n} (skipped ${JSON.stringify(counts.skipped)}, leakage ${counts.excludedLeakage})`,
      );
    const rawMs = (r1.ms + r2.ms) / 2;
    const ratio = exportMs / rawMs;
    const lines: BenchLine[] = [
      {
        bench: `Tokenized export, ${n.toLocaleString("en")} rows (trl-tokenized, ${(r1.tokens / 1e6).toFixed(2)} M tokens)`,
        metric: "time vs raw encode",
        value: `${(exportMs / 1000).toFixed(1)} s (${Math.round(n / (exportMs / 1000))} rows/s)`,
        baseline: `${(rawMs / 1000).toFixed(1)} s (tokenizer.encode of the same texts)`,
        ratio: round(ratio),
        target: "<= 2",
        pass: ratio <= 2,
      },
    ];
    return { lines, raw: { n, loadMs, warmUpMs: w.ms, rawMs: [r1.ms, r2.ms], exportMs, tokens: r1.tokens, ratio } };
  } finally {
    removeDb(db.path);
    rmSync(out, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchTokenizedExport((s) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`));
  console.log(
    `\n${markdownTable(r.lines)}\nratio (export / raw encode) = ${(r.raw as { ratio: number }).ratio.toFixed(2)}`,
  );
  if (r.lines.some((l) => l.pass === false)) process.exitCode = 1;
}
