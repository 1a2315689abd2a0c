import { z } from "zod";

// The model endpoints InT Studio talks to: "model" (the base model: verifier, rollouts,
// sampling), "trained" (the InT-trained model, sampled for the base-vs-trained comparison) and
// "proposer" (an optional stronger model that writes interventions, as the paper's Box 2 /
// 30B-A3B ablation). All are configured the same way: environment first, overridden by Setting
// rows "<id>.*".

export const ENDPOINT_IDS = ["model", "trained", "proposer"] as const;
export const EndpointId = z.enum(ENDPOINT_IDS);
export type EndpointId = z.infer<typeof EndpointId>;

export const ENDPOINT_LABEL: Record<EndpointId, string> = {
  model: "Base model",
  trained: "Trained model",
  proposer: "Proposer model",
};

/** The names a person types (CLI --endpoint, job params): "base" is the "model" endpoint. */
export const ENDPOINT_ALIASES: Record<string, EndpointId> = {
  base: "model",
  model: "model",
  trained: "trained",
  proposer: "proposer",
};

/** Environment variable names per endpoint. */
export const ENDPOINT_ENV = {
  model: { baseUrl: "MODEL_BASE_URL", name: "MODEL_NAME", apiKey: "MODEL_API_KEY" },
  trained: { baseUrl: "TRAINED_MODEL_BASE_URL", name: "TRAINED_MODEL_NAME", apiKey: "TRAINED_MODEL_API_KEY" },
  proposer: { baseUrl: "PROPOSER_MODEL_BASE_URL", name: "PROPOSER_MODEL_NAME", apiKey: "PROPOSER_MODEL_API_KEY" },
} as const satisfies Record<EndpointId, { baseUrl: string; name: string; apiKey: string }>;

// `apiKeyUrl` is the base URL the saved key was typed for: the key is sent there and nowhere else
// (./key-binding.ts). Every endpoint gets the same rows, so a new endpoint id needs nothing more.
export type SettingField = "baseUrl" | "name" | "apiKey" | "apiKeyUrl" | "timeoutMs" | "maxPromptTokens";
const FIELDS: SettingField[] = ["baseUrl", "name", "apiKey", "apiKeyUrl", "timeoutMs", "maxPromptTokens"];

/** Setting row keys of one endpoint ("model.baseUrl", "trained.name", ...). */
export function endpointSettingKeys(id: EndpointId): Record<SettingField, string> {
  return Object.fromEntries(FIELDS.map((f) => [f, `${id}.${f}`])) as Record<SettingField, string>;
}
