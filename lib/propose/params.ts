import { z } from "zod";
import { TraceFilter } from "@/lib/core/filters";
import { DEFAULT_K, Sampling } from "@/lib/model/sampling";
import { resolveModelConfig, START_MODEL_HINT } from "@/lib/model/settings";
import { getActiveTemplate } from "@/lib/model/templates";

// Job params of a propose run. Resolved in full when the job is created (model, template,
// sampling, prompt limit) so the job row records exactly what every item used.
export const ProposeParams = z.object({
  k: z.coerce.number().int().min(1).max(64).default(DEFAULT_K),
  sampling: Sampling.default(Sampling.parse({})),
  model: z.string().min(1),
  templateId: z.string().min(1),
  maxPromptTokens: z.coerce.number().int().min(256).max(1_000_000).default(30_000),
  traceIds: z.array(z.string()).max(100_000).optional(),
  filter: TraceFilter.optional(),
  limit: z.coerce.number().int().min(1).optional(),
  /** skip traces that already have an ok proposal from this model (resume a partial dataset run) */
  skipDone: z.boolean().default(false),
  /** send traces whose final answer is correct (the method proposes only for wrong ones) */
  includeCorrect: z.boolean().default(false),
  /** send traces whose problem has no reference solution (the verifier checks against it) */
  includeNoReference: z.boolean().default(false),
});
export type ProposeParams = z.infer<typeof ProposeParams>;

export type ProposeInput = Partial<Omit<ProposeParams, "sampling">> & { sampling?: Partial<Sampling> };

export async function resolveProposeParams(input: ProposeInput = {}): Promise<ProposeParams> {
  const cfg = await resolveModelConfig();
  const model = input.model ?? cfg.name;
  if (!model) throw new Error(cfg.baseUrl ? "No model name: set MODEL_NAME or pick a model on /settings." : START_MODEL_HINT);
  const template = input.templateId ? { id: input.templateId } : await getActiveTemplate();
  return ProposeParams.parse({
    ...input,
    sampling: Sampling.parse(input.sampling ?? {}),
    model,
    templateId: template.id,
    maxPromptTokens: input.maxPromptTokens ?? cfg.maxPromptTokens,
  });
}
