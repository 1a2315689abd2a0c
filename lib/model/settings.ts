import { readSettings, writeSettings, type SettingsDb } from "@/lib/data/settings";
import { env, type Env } from "@/lib/env";
import { DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_TIMEOUT_MS } from "./sampling";
import { ENDPOINT_ENV, endpointSettingKeys, type EndpointId, type SettingField } from "./endpoints";
import { keyFor } from "./key-binding";

// Model endpoints ("model" = the base model, "trained" = the InT-trained one, ./endpoints.ts):
// environment first (MODEL_* / TRAINED_MODEL_*), overridden by the values saved on /settings
// (Setting rows "model.*" / "trained.*"). An empty saved value means "use env".
// The API key is sent only to the base URL it was saved for (./key-binding.ts).
// Every function takes the endpoint id last, default "model", so older callers are unchanged.
export const MODEL_SETTING_KEYS = endpointSettingKeys("model");
type Key = SettingField;

export type ModelConfig = {
  endpoint: EndpointId;
  baseUrl: string | null;
  name: string | null;
  /** the key to send to `baseUrl`: null when none, or when the key there belongs to another URL */
  apiKey: string | null;
  /** the base URL the existing key (saved or environment) belongs to, if there is a key */
  apiKeyFor: string | null;
  timeoutMs: number;
  maxPromptTokens: number;
  source: { baseUrl: "settings" | "env" | "none"; name: "settings" | "env" | "none" };
};

export async function readModelSettings(
  db?: SettingsDb,
  id: EndpointId = "model",
): Promise<Partial<Record<Key, string>>> {
  const keys = endpointSettingKeys(id);
  const rows = await readSettings(Object.values(keys), db);
  const out: Partial<Record<Key, string>> = {};
  for (const [k, key] of Object.entries(keys)) {
    const v = rows.get(key);
    if (v !== undefined && v !== "") out[k as Key] = v;
  }
  return out;
}

export async function writeModelSettings(
  values: Partial<Record<Key, string>>,
  db?: SettingsDb,
  id: EndpointId = "model",
): Promise<void> {
  const keys = endpointSettingKeys(id);
  const rows: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) rows[keys[k as Key]] = v;
  await writeSettings(rows, db);
  forgetCachedModelConfig(id);
}

const posInt = (v: string | undefined, d: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : d;
};

/** The endpoint's environment values (empty strings count as unset). */
export function envOf(id: EndpointId): { baseUrl?: string; name?: string; apiKey?: string } {
  const e = env();
  const names = ENDPOINT_ENV[id];
  const get = (k: keyof Env) => {
    const v = e[k];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  return { baseUrl: get(names.baseUrl), name: get(names.name), apiKey: get(names.apiKey) };
}

export async function resolveModelConfig(db?: SettingsDb, id: EndpointId = "model"): Promise<ModelConfig> {
  const s = await readModelSettings(db, id);
  const e = envOf(id);
  const raw = s.baseUrl ?? e.baseUrl ?? null;
  const baseUrl = raw ? raw.replace(/\/+$/, "") : null;
  const key = keyFor({ baseUrl, saved: s, env: e });
  return {
    endpoint: id,
    baseUrl,
    name: s.name ?? e.name ?? null,
    apiKey: key.apiKey,
    apiKeyFor: key.boundTo,
    timeoutMs: posInt(s.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxPromptTokens: posInt(s.maxPromptTokens, DEFAULT_MAX_PROMPT_TOKENS),
    source: {
      baseUrl: s.baseUrl ? "settings" : e.baseUrl ? "env" : "none",
      name: s.name ? "settings" : e.name ? "env" : "none",
    },
  };
}

export const START_MODEL_HINT =
  "No model configured: start one, e.g. `vllm serve Qwen/Qwen3-4B-Instruct-2507 --port 8000`, then set MODEL_BASE_URL=http://127.0.0.1:8000/v1 and MODEL_NAME=Qwen/Qwen3-4B-Instruct-2507 (or enter them on /settings).";

const START_TRAINED_HINT =
  'No trained model configured: serve the InT-trained checkpoint (e.g. `vllm serve ./int-sft --port 8001`), then set TRAINED_MODEL_BASE_URL=http://127.0.0.1:8001/v1 and TRAINED_MODEL_NAME (or enter them under "Trained model" on /settings).';

const START_PROPOSER_HINT =
  'No proposer model configured: serve the model that should write interventions (e.g. `vllm serve Qwen/Qwen3-30B-A3B-Instruct-2507 --port 8002`), then set PROPOSER_MODEL_BASE_URL=http://127.0.0.1:8002/v1 and PROPOSER_MODEL_NAME (or enter them under "Proposer model" on /settings).';

const WHAT: Record<EndpointId, { hint: string; noun: string; where: string }> = {
  model: { hint: START_MODEL_HINT, noun: "model", where: "on /settings" },
  trained: { hint: START_TRAINED_HINT, noun: "trained model", where: 'under "Trained model" on /settings' },
  proposer: { hint: START_PROPOSER_HINT, noun: "proposer model", where: 'under "Proposer model" on /settings' },
};

/** Why an endpoint cannot be used, naming its env vars and the /settings section. */
export function notConfiguredReason(c: Pick<ModelConfig, "endpoint" | "baseUrl" | "name">): string | null {
  const names = ENDPOINT_ENV[c.endpoint];
  const w = WHAT[c.endpoint];
  if (!c.baseUrl) return w.hint;
  if (!c.name)
    return `No ${w.noun} name: set ${names.name} or pick one ${w.where} ("Test connection" lists the models at ${c.baseUrl}).`;
  return null;
}

export type ModelStatus =
  | { configured: true; endpoint: EndpointId; baseUrl: string; name: string; source: ModelConfig["source"] }
  | { configured: false; endpoint: EndpointId; reason: string };

/** What the UI shows next to model actions; when not configured they are disabled with `reason`. */
export async function modelStatus(db?: SettingsDb, id: EndpointId = "model"): Promise<ModelStatus> {
  const c = await resolveModelConfig(db, id);
  const reason = notConfiguredReason(c);
  if (reason || !c.baseUrl || !c.name) return { configured: false, endpoint: id, reason: reason ?? "" };
  return { configured: true, endpoint: id, baseUrl: c.baseUrl, name: c.name, source: c.source };
}

// Per-item reads in a running job: each endpoint is re-read at most every `ttlMs`, so an edit on
// /settings reaches a running job within seconds without one Setting query per model call.
const cached = new Map<EndpointId, { at: number; value: Promise<ModelConfig> }>();
export function cachedModelConfig(id: EndpointId = "model", ttlMs = 2_000): Promise<ModelConfig> {
  const now = Date.now();
  const hit = cached.get(id);
  if (hit && now - hit.at <= ttlMs) return hit.value;
  const entry = { at: now, value: resolveModelConfig(undefined, id) };
  cached.set(id, entry);
  entry.value.catch(() => cached.get(id) === entry && cached.delete(id));
  return entry.value;
}

export function forgetCachedModelConfig(id?: EndpointId): void {
  if (id) cached.delete(id);
  else cached.clear();
}
