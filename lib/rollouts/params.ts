import { z } from "zod";
import { CONDITIONS } from "@/lib/core/rollouts/conditions";
import { DEFAULT_MIN_CORRECT, DEFAULT_ROLLOUT_K } from "@/lib/core/rollouts/keep";
import { Sampling } from "@/lib/model/sampling";
import { GRADER_VERSION } from "@/lib/core/grade/version";
import { EndpointId } from "@/lib/model/endpoints";
import { notConfiguredReason, resolveModelConfig } from "@/lib/model/settings";

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
  /** a record for provenance.json (issue 12 §6): rollouts run on the base endpoint at this URL */
  endpoint: z.literal("model").default("model"),
  baseUrl: z.string().optional(),
  /** the grader that judged these rollouts (lib/core/grade/version.ts), recorded at creation */
  grader: z.string().default(GRADER_VERSION),
});
export type RolloutParams = z.infer<typeof RolloutParams>;

export const SampleParams = z.object({
  ...Common,
  /** which endpoint samples: the base model or the InT-trained one (issue 5 §1) */
  endpoint: EndpointId.default("model"),
  /** the endpoint's base URL when the job was created (a record; the handler uses the live one) */
  baseUrl: z.string().optional(),
  n: z.coerce.number().int().min(1).max(1024).default(4),
  problemIds: z.array(z.string()).max(100_000).optional(),
  /** only problems that have no trace yet */
  withoutTraces: z.boolean().default(false),
});
export type SampleParams = z.infer<typeof SampleParams>;

type Input<T> = Partial<Omit<T, "sampling">> & { sampling?: Partial<Sampling> };
export type RolloutInput = Input<RolloutParams>;
export type SampleInput = Input<SampleParams>;

/** The endpoint's model (unless one is given), and its base URL for the job's record (never the API key). */
async function endpointModel(
  given: string | undefined,
  endpoint: EndpointId = "model",
): Promise<{ model: string; baseUrl?: string }> {
  const cfg = await resolveModelConfig(undefined, endpoint);
  const model = given || cfg.name;
  if (!model) throw new Error(notConfiguredReason(cfg) ?? "No model name.");
  return { model, baseUrl: cfg.baseUrl ?? undefined };
}

export async function resolveRolloutParams(input: RolloutInput = {}): Promise<RolloutParams> {
  const { model, baseUrl } = await endpointModel(input.model);
  return RolloutParams.parse({
    ...input,
    sampling: Sampling.parse(input.sampling ?? {}),
    model,
    baseUrl: input.baseUrl ?? baseUrl,
  });
}

/** Sampling names its endpoint ("model" = base, "trained"): the model name comes from that one. */
export async function resolveSampleParams(input: SampleInput = {}): Promise<SampleParams> {
  const endpoint = EndpointId.parse(input.endpoint ?? "model");
  const { model, baseUrl } = await endpointModel(input.model, endpoint);
  return SampleParams.parse({
    ...input,
    endpoint,
    sampling: Sampling.parse(input.sampling ?? {}),
    model,
    baseUrl: input.baseUrl ?? baseUrl,
  });
}
