import { ROLLOUT_PRED_MODE } from "@/lib/core/grade/version";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { randomBytes } from "node:crypto";
import { continuationPrompt } from "@/lib/core/rollouts/conditions";
import { sharedGradePool } from "@/lib/grade/shared-pool";
import { Sampling } from "@/lib/model/sampling";
import { requestLine } from "@/lib/batch/format";
import { target } from "./handler";
import { resolveRolloutParams, resolveSampleParams, type RolloutInput, type SampleInput } from "./params";
import { ATTEMPT_CONDITION } from "./sample-handler";
import { planSamples } from "@/lib/data/sample-select";
import { sampleProblem, upsertSampledTrace } from "@/lib/data/sample-store";
import { interventionExists } from "@/lib/data/rollout-targets";
import { readSetting, writeSettings } from "@/lib/data/settings";
import { planRollouts } from "@/lib/data/rollout-select";
import { refreshKeep, upsertRollouts, type RolloutRow } from "@/lib/data/rollout-store";
import { z } from "zod";
import { writeLines } from "@/lib/batch/export";

// Batch files (OpenAI Batch JSONL, e.g. `vllm run-batch`) for the rollouts and attempts stages.
// custom_id = "<batchId>:rollouts:<condition>:<interventionId|problemId>:<sample>" or
//             "<batchId>:attempts:attempt:<problemId>:<sample>"
// Rows are stored with jobItemId "batch:<batchId>:<condition>:<id>" (unique with the sample), so
// importing the same results twice changes nothing.

export type RolloutStage = "rollouts" | "attempts";
const Meta = z.object({
  batchId: z.string(),
  stage: z.enum(["rollouts", "attempts"]),
  model: z.string(),
  sampling: Sampling,
  minCorrect: z.number().int().default(1),
});
type Meta = z.infer<typeof Meta>;
const metaKey = (id: string) => `batch.${id}`;
const ID = /^([A-Za-z0-9_-]+):(rollouts|attempts):([a-z]+):([A-Za-z0-9_-]+):(\d+)$/;

export const isRolloutCustomId = (s: unknown): boolean => typeof s === "string" && ID.test(s);

export async function exportRolloutBatch(
  stage: RolloutStage,
  datasetId: string,
  out: string,
  input: RolloutInput & SampleInput = {},
): Promise<{ batchId: string; lines: number }> {
  const batchId = `b${randomBytes(4).toString("hex")}`;
  const p = stage === "rollouts" ? await resolveRolloutParams(input) : await resolveSampleParams(input);
  const meta: Meta = {
    batchId,
    stage,
    model: p.model,
    sampling: p.sampling,
    minCorrect: "minCorrect" in p ? p.minCorrect : 1,
  };
  await writeSettings({ [metaKey(batchId)]: JSON.stringify(meta) });
  const items =
    stage === "rollouts"
      ? await planRollouts(p as Awaited<ReturnType<typeof resolveRolloutParams>>, datasetId)
      : await planSamples(p as Awaited<ReturnType<typeof resolveSampleParams>>, datasetId);
  const count = "k" in p ? p.k : p.n;
  async function* gen() {
    for (const it of items) {
      const payload = it.payload;
      const condition = stage === "rollouts" ? String(payload.condition) : ATTEMPT_CONDITION;
      let prompt;
      if (stage === "attempts") {
        const pr = await sampleProblem(String(payload.problemId));
        if (!pr) continue;
        prompt = continuationPrompt(pr.statement, "");
      } else {
        const t = await target(payload);
        if (typeof t === "string") continue;
        prompt = t.prompt;
      }
      const id = String(payload.interventionId ?? payload.problemId);
      for (let s = 0; s < count; s++) {
        const line = requestLine(`${batchId}:${stage}:${condition}:${id}:${s}`, p.model, prompt.messages, p.sampling);
        Object.assign(line.body, prompt.extraBody);
        yield line;
      }
    }
  }
  return { batchId, lines: await writeLines(out, gen()) };
}

export type RolloutImportSummary = {
  lines: number;
  stored: number;
  failed: { line: number; reason: string }[];
  interventions: number;
};

function parseLine(
  line: string,
): { ok: true; m: RegExpExecArray; text: string; finishReason: string | null } | { ok: false; reason: string } {
  let raw: { custom_id?: unknown; response?: { status_code?: number; body?: unknown } | null; error?: unknown };
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  const m = typeof raw?.custom_id === "string" ? ID.exec(raw.custom_id) : null;
  if (!m) return { ok: false, reason: "custom_id not from a rollouts/attempts batch" };
  if (raw.error) return { ok: false, reason: `error: ${JSON.stringify(raw.error).slice(0, 200)}` };
  if (raw.response?.status_code !== undefined && raw.response.status_code !== 200)
    return { ok: false, reason: `status ${raw.response.status_code}` };
  const body = (raw.response?.body ?? raw.response) as
    { choices?: { message?: { content?: unknown }; finish_reason?: string }[] } | undefined;
  const choice = Array.isArray(body?.choices) ? body.choices[0] : undefined;
  if (typeof choice?.message?.content !== "string") return { ok: false, reason: "no choices[0].message.content" };
  return { ok: true, m, text: choice.message.content, finishReason: choice.finish_reason ?? null };
}

export async function importRolloutResults(file: string): Promise<RolloutImportSummary> {
  const sum: RolloutImportSummary = { lines: 0, stored: 0, failed: [], interventions: 0 };
  const metas = new Map<string, Meta | null>();
  const touched = new Map<string, number>(); // interventionId -> minCorrect
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    sum.lines++;
    const r = parseLine(line);
    if (!r.ok) {
      sum.failed.push({ line: lineNo, reason: r.reason });
      continue;
    }
    const [, batchId, stage, condition, id, sampleStr] = r.m;
    if (!metas.has(batchId)) {
      const value = await readSetting(metaKey(batchId));
      const parsed = value === null ? null : Meta.safeParse(JSON.parse(value));
      metas.set(batchId, parsed?.success ? parsed.data : null);
    }
    const meta = metas.get(batchId);
    if (!meta) {
      sum.failed.push({ line: lineNo, reason: `unknown batch ${batchId} (exported from another database?)` });
      continue;
    }
    const t =
      stage === "attempts"
        ? await sampleProblem(id).then(
            (p) => p && { problemId: p.id, traceId: null, interventionId: null, gold: p.answer, problem: p },
          )
        : await target({ condition, ...(await idKind(id)) });
    if (!t || typeof t === "string") {
      sum.failed.push({ line: lineNo, reason: typeof t === "string" ? t : "problem not found" });
      continue;
    }
    const v = await sharedGradePool().grade({ gold: t.gold, pred: r.text, predMode: ROLLOUT_PRED_MODE });
    const correct = v.verdict === "equal";
    let traceId = t.traceId;
    if (stage === "attempts" && !correct && "problem" in t)
      traceId = await upsertSampledTrace(t.problem, meta.model, r.text);
    const row: RolloutRow = {
      problemId: t.problemId,
      traceId,
      interventionId: t.interventionId,
      condition,
      sample: Number(sampleStr),
      jobItemId: `batch:${batchId}:${condition}:${id}`,
      model: meta.model,
      sampling: { ...meta.sampling, batchId, finishReason: r.finishReason },
      text: r.text,
      verdict: v.verdict,
      extracted: v.extracted,
      method: v.method ?? null,
      correct,
    };
    await upsertRollouts([row]);
    sum.stored++;
    if (condition === "intervention" && t.interventionId) touched.set(t.interventionId, meta.minCorrect);
  }
  for (const [ivId, m] of touched) await refreshKeep(ivId, m);
  sum.interventions = touched.size;
  return sum;
}

/** A rollouts custom_id names an intervention, or a problem for dataset "problem" items. */
async function idKind(id: string): Promise<{ interventionId: string } | { problemId: string }> {
  return (await interventionExists(id)) ? { interventionId: id } : { problemId: id };
}
