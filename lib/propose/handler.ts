import type { ItemContext, JobHandler, PlannedItem } from "@/lib/jobs/types";
import { chatComplete } from "@/lib/model/client";
import { chatCompleteMany } from "@/lib/model/chat-n";
import { modelError } from "@/lib/model/errors";
import { cachedModelConfig } from "@/lib/model/settings";
import { ENDPOINT_ENV } from "@/lib/model/endpoints";
import { getTemplate } from "@/lib/data/prompt-templates";
import { ProposeParams, resolveProposeParams, type ProposeInput } from "./params";
import { selectTraces } from "@/lib/data/propose-select";
import { runProposal } from "./run-proposal";
import { runSharedProposals } from "./run-shared";
import { readItemProposals, readProposeItem } from "@/lib/data/proposal-store-sql";
export { PENDING_REASON } from "./run-proposal";

// The propose stage as a JobHandler (lib/jobs/types.ts). Turn-1 mode "shared" (default, the
// reference's structure): one item per trace, one turn 1 and one turn 2 with n=K (run-shared.ts).
// Mode "independent": one item per (trace, sample k), each with its own two calls (run-proposal.ts).
// An item's payload says which it is, so a job planned before the mode existed runs as planned.

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
      if (p.turn1 === "shared") items.push({ key: `${traceId}:shared`, payload: { traceId, samples: p.k } });
      else
        for (let sample = 0; sample < p.k; sample++)
          items.push({ key: `${traceId}:${sample}`, payload: { traceId, sample } });
    }
    return items;
  },
  async runItem(payload, ctx: ItemContext) {
    const p = await paramsOf(ctx.params, ctx.jobId);
    const traceId = String(payload.traceId);
    const shared = payload.samples !== undefined;
    const sample = Number(payload.sample ?? 0);
    // one SQL read (store-sql.ts); the template and the endpoint come from caches
    const [item, template, cfg] = await Promise.all([
      readProposeItem(traceId, ctx.itemId, sample),
      getTemplate(p.templateId),
      cachedModelConfig(p.endpoint),
    ]);
    if (!item) return { skipped: "trace no longer exists" };
    if (!template) throw new Error(`prompt template ${p.templateId} no longer exists`);
    if (!cfg.baseUrl)
      throw modelError(
        `no ${p.endpoint === "model" ? "model" : p.endpoint} endpoint configured (${ENDPOINT_ENV[p.endpoint].baseUrl} or /settings)`,
        { kind: "not-configured" },
      );
    const endpoint = { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, timeoutMs: cfg.timeoutMs };
    const call: Parameters<typeof runProposal>[0]["call"] = (messages) =>
      chatComplete(endpoint, p.model, messages, p.sampling, { signal: ctx.signal });
    if (shared) {
      const existing = await readItemProposals(traceId, ctx.itemId);
      const callMany = (messages: Parameters<typeof call>[0], n: number) =>
        chatCompleteMany(endpoint, p.model, messages, p.sampling, n, { signal: ctx.signal });
      return runSharedProposals({
        trace: item.trace,
        template,
        params: p,
        samples: Number(payload.samples),
        jobItemId: ctx.itemId,
        jobId: ctx.jobId,
        call,
        callMany,
        existing,
      });
    }
    return runProposal({
      trace: item.trace,
      template,
      params: p,
      sample,
      jobItemId: ctx.itemId,
      jobId: ctx.jobId,
      call,
      existing: item.existing,
    });
  },
};
