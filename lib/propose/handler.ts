import type { ItemContext, JobHandler, PlannedItem } from "@/lib/jobs/types";
import { chatComplete } from "@/lib/model/client";
import { modelError } from "@/lib/model/errors";
import { cachedModelConfig } from "@/lib/model/settings";
import { getTemplate } from "@/lib/model/templates";
import { ProposeParams, resolveProposeParams, type ProposeInput } from "./params";
import { selectTraces } from "./select";
import { runProposal } from "./run-proposal";
import { readProposeItem } from "./store-sql";
export { PENDING_REASON } from "./run-proposal";

// The propose stage as a JobHandler (lib/jobs/types.ts): one item per (trace, sample k).
// An item makes the two calls of method.md §2 and stores the proposal; see run-proposal.ts.


// Jobs started with partial params (e.g. the generic startJob action) get the current model and
// active template filled in, once per job; startProposeJob (./start.ts) stores them up front.
const resolved = new Map<string, Promise<ProposeParams>>();
function paramsOf(raw: Record<string, unknown>, jobId: string | null): Promise<ProposeParams> {
  const go = () => {
    const full = ProposeParams.safeParse(raw);
    return full.success ? Promise.resolve(full.data) : resolveProposeParams(raw as ProposeInput);
  };
  if (!jobId) return go();
  // a job's params never change: parse (and resolve) them once per job, not once per item
  let p = resolved.get(jobId);
  if (!p) {
    p = go();
    resolved.set(jobId, p);
    p.catch(() => resolved.delete(jobId));
    if (resolved.size > 200) resolved.delete(resolved.keys().next().value as string);
  }
  return p;
}

export const proposeHandler: JobHandler = {
  kind: "propose",
  async plan(params, datasetId): Promise<PlannedItem[]> {
    const p = await paramsOf(params, null);
    const traceIds = await selectTraces(p, datasetId);
    const items: PlannedItem[] = [];
    for (const traceId of traceIds) {
      for (let sample = 0; sample < p.k; sample++) items.push({ key: `${traceId}:${sample}`, payload: { traceId, sample } });
    }
    return items;
  },
  async runItem(payload, ctx: ItemContext) {
    const p = await paramsOf(ctx.params, ctx.jobId);
    const traceId = String(payload.traceId);
    const sample = Number(payload.sample ?? 0);
    // one SQL read (store-sql.ts); the template and the endpoint come from caches
    const [item, template, cfg] = await Promise.all([readProposeItem(traceId, ctx.itemId, sample), getTemplate(p.templateId), cachedModelConfig()]);
    if (!item) return { skipped: "trace no longer exists" };
    if (!template) throw new Error(`prompt template ${p.templateId} no longer exists`);
    if (!cfg.baseUrl) throw modelError("no model endpoint configured (MODEL_BASE_URL or /settings)", { kind: "not-configured" });
    const endpoint = { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, timeoutMs: cfg.timeoutMs };
    const call: Parameters<typeof runProposal>[0]["call"] = (messages) =>
      chatComplete(endpoint, p.model, messages, p.sampling, { signal: ctx.signal });
    return runProposal({ trace: item.trace, template, params: p, sample, jobItemId: ctx.itemId, jobId: ctx.jobId, call, existing: item.existing });
  },
};
