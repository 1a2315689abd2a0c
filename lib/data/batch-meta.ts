import { randomBytes } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { Sampling } from "@/lib/model/sampling";

// What a batch was exported with (model, template, sampling, prompt limit), kept in a Setting row
// "batch.<id>" so an import, possibly days later, stores exactly what the requests used.
export const BatchMeta = z.object({
  batchId: z.string(),
  datasetId: z.string(),
  model: z.string(),
  templateId: z.string(),
  templateHash: z.string(),
  sampling: Sampling,
  maxPromptTokens: z.number().int(),
  k: z.number().int(),
  /** batches exported before the shared mode existed had one solve line per sample */
  turn1: z.enum(["shared", "independent"]).default("independent"),
  endpoint: z.string().optional(),
  createdAt: z.string(),
});
export type BatchMeta = z.infer<typeof BatchMeta>;
export type BatchMetaInput = z.input<typeof BatchMeta>;

const key = (id: string) => `batch.${id}`;
export const newBatchId = () => `b${randomBytes(4).toString("hex")}`;

export async function saveBatchMeta(m: BatchMetaInput): Promise<void> {
  await prisma.setting.upsert({ where: { key: key(m.batchId) }, create: { key: key(m.batchId), value: JSON.stringify(m) }, update: {} });
}

const cache = new Map<string, BatchMeta | null>();
export async function getBatchMeta(id: string): Promise<BatchMeta | null> {
  if (cache.has(id)) return cache.get(id) ?? null;
  const row = await prisma.setting.findUnique({ where: { key: key(id) } });
  let meta: BatchMeta | null = null;
  if (row) {
    try {
      const r = BatchMeta.safeParse(JSON.parse(row.value));
      meta = r.success ? r.data : null;
    } catch {
      meta = null;
    }
  }
  cache.set(id, meta);
  return meta;
}

export const batchJobItemId = (batchId: string) => `batch:${batchId}`;
