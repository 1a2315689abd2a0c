import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { resolveProposeParams, type ProposeInput } from "@/lib/propose/params";
import { selectTraces } from "@/lib/data/propose-select";
import { solveMessages, verifierPrompt } from "@/lib/propose/build-prompt";
import { getTemplate } from "@/lib/data/prompt-templates";
import { formatCustomId, requestLine } from "./format";
import { getBatchMeta, newBatchId, saveBatchMeta } from "@/lib/data/batch-meta";
import { pendingBatchProposalsPage, pendingSamples, solveTraces } from "@/lib/data/batch-proposals";

// Stage exports. "solve" starts a new batch; "verify" builds turn 2 from the turn-1 results
// already imported (pending proposals), so it runs after `batch import`.
// Shared turn 1 (default, the reference's structure): one solve line per trace, then one verify
// line per trace with n = K. Independent: K solve lines per trace, K verify lines.

/** Writes one JSON object a line, honouring back-pressure; returns the number of lines. */
export async function writeLines(out: string, lines: AsyncIterable<object> | Iterable<object>): Promise<number> {
  const ws = createWriteStream(out, { encoding: "utf8" });
  let n = 0;
  for await (const l of lines) {
    if (!ws.write(JSON.stringify(l) + "\n")) await once(ws, "drain");
    n++;
  }
  ws.end();
  await once(ws, "finish");
  return n;
}

export async function exportSolve(
  datasetId: string,
  out: string,
  input: ProposeInput = {},
): Promise<{ batchId: string; lines: number }> {
  const p = await resolveProposeParams(input);
  if (!p.model) throw new Error("no model name: set MODEL_NAME, save one on /settings, or pass --model");
  const template = await getTemplate(p.templateId);
  if (!template) throw new Error("prompt template not found");
  const batchId = newBatchId();
  await saveBatchMeta({
    batchId,
    datasetId,
    model: p.model,
    templateId: template.id,
    templateHash: template.hash,
    sampling: p.sampling,
    maxPromptTokens: p.maxPromptTokens,
    k: p.k,
    turn1: p.turn1,
    endpoint: p.endpoint,
    createdAt: new Date().toISOString(),
  });
  const ids = await selectTraces(p, datasetId);
  async function* gen() {
    for (let i = 0; i < ids.length; i += 200) {
      const traces = await solveTraces(ids.slice(i, i + 200));
      for (const t of traces) {
        const messages = solveMessages(template!, t.problem);
        const lines = p.turn1 === "shared" ? 1 : p.k;
        for (let s = 0; s < lines; s++)
          yield requestLine(
            formatCustomId({ batchId, stage: "solve", traceId: t.id, sample: s }),
            p.model,
            messages,
            p.sampling,
          );
      }
    }
  }
  return { batchId, lines: await writeLines(out, gen()) };
}

export async function exportVerify(
  datasetId: string,
  out: string,
  opts: { batchId?: string } = {},
): Promise<{ lines: number; batches: string[] }> {
  const batches = new Set<string>();
  async function* gen() {
    let cursor: string | undefined;
    for (;;) {
      const rows = await pendingBatchProposalsPage(datasetId, opts.batchId, cursor, 200);
      if (rows.length === 0) return;
      cursor = rows[rows.length - 1].id;
      for (const r of rows) {
        const batchId = (r.jobItemId ?? "").slice("batch:".length);
        const meta = await getBatchMeta(batchId);
        const template = meta ? await getTemplate(meta.templateId) : null;
        if (!meta || !template) continue;
        let n = 1;
        if (meta.turn1 === "shared") {
          // one line per trace: at its lowest pending sample, asking for every pending sample
          const pending = await pendingSamples(r.traceId, r.jobItemId);
          if (pending[0]?.sample !== r.sample) continue;
          n = pending.length;
        }
        batches.add(batchId);
        const prompt = verifierPrompt(template, r.trace.problem, r.trace.text, r.turn1Raw, meta.maxPromptTokens);
        yield requestLine(
          formatCustomId({ batchId, stage: "verify", traceId: r.traceId, sample: r.sample }),
          meta.model,
          prompt.messages,
          meta.sampling,
          n,
        );
      }
    }
  }
  const lines = await writeLines(out, gen());
  return { lines, batches: [...batches] };
}
