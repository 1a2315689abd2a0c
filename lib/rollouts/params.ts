import { z } from "zod";
import { CONDITIONS } from "@/lib/core/rollouts/conditions";
import { DEFAULT_MIN_CORRECT, DEFAULT_ROLLOUT_K } from "@/lib/core/rollouts/keep";
import { Sampling } from "@/lib/model/sampling";
import { resolveModelConfig, START_MODEL_HINT } from "@/lib/model/settings";

// Job params of the "rollouts" and "sample" stages, resolved in full when the job is created
// (model, sampling) so the job row records exactly what every item used.

const Common = {
  sampling: Sampling.default(Sampling.parse({})),
  model: z.string().min(1),
  /** model calls in flight inside one item (the runner's concurrency multiplies it) */
  perItem: z.coerce.number().int().min(1).max(256).default(8),
  limit: z.coerce.number().int().min(1).optional(),
};

export const RolloutParams = z.object({
  ...Common,
  k: z.coerce.number().int().min(1).max(1024).default(DEFAULT_ROLLOUT_K),
  /** keep filter: verified when >= minCorrect of the intervention-condition rollouts are correct */
  minCorrect: z.coerce.number().int().min(1).default(DEFAULT_MIN_CORRECT),
  conditions: z.array(z.enum(CONDITIONS)).min(1).default(["intervention"]),
  interventionIds: z.array(z.string()).max(100_000).optional(),
  /** dataset runs: interventions in these statuses (default: all but rejected) */
  statuses: z.array(z.string()).default(["proposed", "accepted", "edited"]),
});
export type RolloutParams = z.infer<typeof RolloutParams>;

export const SampleParams = z.object({
  ...Common,
  n: z.coerce.number().int().min(1).max(1024).default(4),
  problemIds: z.array(z.string()).max(100_000).optional(),
  /** only problems that have no trace yet */
  withoutTraces: z.boolean().default(false),
});
export type SampleParams = z.infer<typeof SampleParams>;

type Input<T> = Partial<Omit<T, "sampling">> & { sampling?: Partial<Sampling> };
export type RolloutInput = Input<RolloutParams>;
export type SampleInput = Input<SampleParams>;

async function modelName(given?: string): Promise<string> {
  if (given) return given;
  const cfg = await resolveModelConfig();
  if (!cfg.name) throw new Error(cfg.baseUrl ? "No model name: set MODEL_NAME or pick a model on /settings." : START_MODEL_HINT);
  return cfg.name;
}

export async function resolveRolloutParams(input: RolloutInput = {}): Promise<RolloutParams> {
  return RolloutParams.parse({ ...input, sampling: Sampling.parse(input.sampling ?? {}), model: await modelName(input.model) });
}

export async function resolveSampleParams(input: SampleInput = {}): Promise<SampleParams> {
  return SampleParams.parse({ ...input, sampling: Sampling.parse(input.sampling ?? {}), model: await modelName(input.model) });
}
