import { z } from "zod";

// Paper defaults (method.md §2): temperature 0.7, top_p 0.8, top_k 20, max_tokens 16384, K = 4.
// Editable per run; the exact values used are stored with every output.
export const Sampling = z.object({
  temperature: z.coerce.number().min(0).max(2).default(0.7),
  top_p: z.coerce.number().gt(0).max(1).default(0.8),
  top_k: z.coerce.number().int().min(-1).max(1000).default(20),
  max_tokens: z.coerce.number().int().min(1).max(262_144).default(16_384),
});
export type Sampling = z.infer<typeof Sampling>;

export const DEFAULT_SAMPLING: Sampling = Sampling.parse({});
export const DEFAULT_K = 4;
export const DEFAULT_MAX_PROMPT_TOKENS = 30_000;
export const DEFAULT_TIMEOUT_MS = 600_000;
