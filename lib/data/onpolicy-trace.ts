import { prisma } from "@/lib/db";
import { isOutlier, type Summary } from "@/lib/core/onpolicy/outliers";
import { nllSummary } from "./onpolicy";

// The scores of one trace's interventions for the review screen, each with its dataset's
// outlier fence (same scoring model). The fence needs a few ordered reads over the dataset, so
// it is cached per (dataset, model) for a few seconds: moving through traces costs one small
// query per trace. Scoring runs in the job runner's thread, so the cache expires rather than
// being invalidated.

export type InterventionScore = {
  id: string; nllMean: number | null; nllTokens: number | null; nllModel: string | null; nllAt: string | null;
  outlier: boolean; fence: number | null; median: number | null;
};

const TTL_MS = 10_000;
const fences = new Map<string, { at: number; value: Promise<Summary | null> }>();

function cachedSummary(datasetId: string, model: string): Promise<Summary | null> {
  const key = `${datasetId}\u0000${model}`;
  const hit = fences.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  if (fences.size > 500) fences.clear();
  const value = nllSummary(datasetId, model);
  fences.set(key, { at: Date.now(), value });
  value.catch(() => fences.delete(key));
  return value;
}

export async function traceScores(traceId: string): Promise<InterventionScore[] | null> {
  const trace = await prisma.trace.findUnique({
    where: { id: traceId },
    select: { datasetId: true, interventions: { select: { id: true, nllMean: true, nllTokens: true, nllModel: true, nllAt: true } } },
  });
  if (!trace) return null;
  const models = [...new Set(trace.interventions.flatMap((i) => (i.nllMean !== null && i.nllModel ? [i.nllModel] : [])))];
  const summaries = new Map(await Promise.all(models.map(async (m) => [m, await cachedSummary(trace.datasetId, m)] as const)));
  return trace.interventions.map((i) => {
    const s = i.nllModel ? summaries.get(i.nllModel) ?? null : null;
    return {
      id: i.id, nllMean: i.nllMean, nllTokens: i.nllTokens, nllModel: i.nllModel, nllAt: i.nllAt?.toISOString() ?? null,
      outlier: isOutlier(i.nllMean, s?.fence), fence: s?.fence ?? null, median: s?.median ?? null,
    };
  });
}
