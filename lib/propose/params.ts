import { z } from "zod";
import { readSetting } from "@/lib/data/settings";
import { TraceFilter } from "@/lib/core/filters";
import { EndpointId, ENDPOINT_ENV } from "@/lib/model/endpoints";
import { DEFAULT_K, Sampling } from "@/lib/model/sampling";
import { notConfiguredReason, resolveModelConfig } from "@/lib/model/settings";
import { getActiveTemplate } from "@/lib/data/prompt-templates";

/**
 * How the K proposals of an attempt get their turn 1 (method.md §2):
 *   shared       the reference's structure: one turn-1 solution (n=1), then one turn-2 request
 *                with n=K samples that all continue it (K-1 fewer turn-1 generations per attempt)
 *   independent  K separate turn-1 solutions, each with its own turn 2 (more diverse, K times the
 *                turn-1 tokens)
 */
export const Turn1Mode = z.enum(["shared", "independent"]);
export type Turn1Mode = z.infer<typeof Turn1Mode>;
/** Setting row holding the default mode (editable on /settings); absent = "shared". */
export const TURN1_MODE_SETTING = "propose.turn1Mode";

export async function defaultTurn1Mode(): Promise<Turn1Mode> {
  const r = Turn1Mode.safeParse(await readSetting(TURN1_MODE_SETTING));
  return r.success ? r.data : "shared";
}

// Job params of a propose run. Resolved in full when the job is created (endpoint, model,
// template, sampling, prompt limit, turn-1 mode) so the job row records exactly what every item used.
export const ProposeParams = z.object({
  k: z.coerce.number().int().min(1).max(64).default(DEFAULT_K),
  sampling: Sampling.default(Sampling.parse({})),
  /** which configured endpoint writes the proposals: "model" (base), "trained" or "proposer" */
  endpoint: EndpointId.default("model"),
  model: z.string().min(1),
  templateId: z.string().min(1),
  turn1: Turn1Mode.default("shared"),
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
  const endpoint = EndpointId.parse(input.endpoint ?? "model");
  const cfg = await resolveModelConfig(undefined, endpoint);
  const model = input.model ?? cfg.name;
  if (!model)
    throw new Error(
      notConfiguredReason(cfg) ?? `No model name: set ${ENDPOINT_ENV[endpoint].name} or pick a model on /settings.`,
    );
  const template = input.templateId ? { id: input.templateId } : await getActiveTemplate();
  return ProposeParams.parse({
    ...input,
    endpoint,
    sampling: Sampling.parse(input.sampling ?? {}),
    model,
    templateId: template.id,
    turn1: input.turn1 ?? (await defaultTurn1Mode()),
    maxPromptTokens: input.maxPromptTokens ?? cfg.maxPromptTokens,
  });
}
