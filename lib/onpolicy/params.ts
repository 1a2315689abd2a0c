import { z } from "zod";
import { CHAT_TEMPLATES, DEFAULT_CHAT_TEMPLATE } from "@/lib/tokens/chat";
import { resolveModelConfig, START_MODEL_HINT } from "@/lib/model/settings";

// Params of an "onpolicy" job, resolved in full when the job is created: the scoring model, the
// chat template the prompt is rendered with (the trl-tokenized export's), which interventions.
export const OnpolicyParams = z.object({
  model: z.string().min(1),
  template: z.enum(CHAT_TEMPLATES).default(DEFAULT_CHAT_TEMPLATE),
  /** "unscored": only interventions without a score from this model; "all": score again */
  scope: z.enum(["unscored", "all"]).default("unscored"),
  /** job creation time: in "all" mode an item skips a score written after it (a re-run item) */
  since: z.string().default(() => new Date().toISOString()),
  interventionIds: z.array(z.string()).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).optional(),
});
export type OnpolicyParams = z.infer<typeof OnpolicyParams>;
export type OnpolicyInput = Partial<OnpolicyParams>;

export async function resolveOnpolicyParams(input: OnpolicyInput = {}): Promise<OnpolicyParams> {
  let model = input.model;
  if (!model) {
    const cfg = await resolveModelConfig();
    if (!cfg.name)
      throw new Error(cfg.baseUrl ? "No model name: set MODEL_NAME or pick a model on /settings." : START_MODEL_HINT);
    model = cfg.name;
  }
  return OnpolicyParams.parse({ ...input, model, since: new Date().toISOString() });
}
