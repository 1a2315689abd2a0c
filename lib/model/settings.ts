import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_TIMEOUT_MS } from "./sampling";

// Model endpoint: environment first (MODEL_BASE_URL, MODEL_NAME, MODEL_API_KEY), overridden by
// the values saved on /settings (Setting rows "model.*"). An empty saved value means "use env".
export const MODEL_SETTING_KEYS = {
  baseUrl: "model.baseUrl",
  name: "model.name",
  apiKey: "model.apiKey",
  timeoutMs: "model.timeoutMs",
  maxPromptTokens: "model.maxPromptTokens",
} as const;
type Key = keyof typeof MODEL_SETTING_KEYS;

export type ModelConfig = {
  baseUrl: string | null;
  name: string | null;
  apiKey: string | null;
  timeoutMs: number;
  maxPromptTokens: number;
  source: { baseUrl: "settings" | "env" | "none"; name: "settings" | "env" | "none" };
};

export async function readModelSettings(db: Tx = prisma): Promise<Partial<Record<Key, string>>> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(MODEL_SETTING_KEYS) } } });
  const out: Partial<Record<Key, string>> = {};
  for (const [k, key] of Object.entries(MODEL_SETTING_KEYS)) {
    const v = rows.find((r) => r.key === key)?.value;
    if (v !== undefined && v !== "") out[k as Key] = v;
  }
  return out;
}

export async function writeModelSettings(values: Partial<Record<Key, string>>, db: Tx = prisma): Promise<void> {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    const key = MODEL_SETTING_KEYS[k as Key];
    await db.setting.upsert({ where: { key }, create: { key, value: v }, update: { value: v } });
  }
  cached = null;
}

const posInt = (v: string | undefined, d: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : d;
};

export async function resolveModelConfig(db: Tx = prisma): Promise<ModelConfig> {
  const s = await readModelSettings(db);
  const e = env();
  const baseUrl = s.baseUrl ?? e.MODEL_BASE_URL ?? null;
  const name = s.name ?? e.MODEL_NAME ?? null;
  return {
    baseUrl: baseUrl ? baseUrl.replace(/\/+$/, "") : null,
    name,
    apiKey: s.apiKey ?? e.MODEL_API_KEY ?? null,
    timeoutMs: posInt(s.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxPromptTokens: posInt(s.maxPromptTokens, DEFAULT_MAX_PROMPT_TOKENS),
    source: {
      baseUrl: s.baseUrl ? "settings" : e.MODEL_BASE_URL ? "env" : "none",
      name: s.name ? "settings" : e.MODEL_NAME ? "env" : "none",
    },
  };
}

export const START_MODEL_HINT =
  "No model configured: start one, e.g. `vllm serve Qwen/Qwen3-4B-Instruct-2507 --port 8000`, then set MODEL_BASE_URL=http://127.0.0.1:8000/v1 and MODEL_NAME=Qwen/Qwen3-4B-Instruct-2507 (or enter them on /settings).";

export type ModelStatus =
  | { configured: true; baseUrl: string; name: string; source: ModelConfig["source"] }
  | { configured: false; reason: string };

/** What the UI shows next to model actions; when not configured they are disabled with `reason`. */
export async function modelStatus(db: Tx = prisma): Promise<ModelStatus> {
  const c = await resolveModelConfig(db);
  if (!c.baseUrl) return { configured: false, reason: START_MODEL_HINT };
  if (!c.name) return { configured: false, reason: `No model name: set MODEL_NAME or pick one on /settings ("Test connection" lists the models at ${c.baseUrl}).` };
  return { configured: true, baseUrl: c.baseUrl, name: c.name, source: c.source };
}

// Per-item reads in a running job: the endpoint is re-read at most every `ttlMs`, so an edit on
// /settings reaches a running job within seconds without one Setting query per model call.
let cached: { at: number; value: Promise<ModelConfig> } | null = null;
export function cachedModelConfig(ttlMs = 2_000): Promise<ModelConfig> {
  const now = Date.now();
  if (!cached || now - cached.at > ttlMs) {
    cached = { at: now, value: resolveModelConfig() };
    cached.value.catch(() => (cached = null));
  }
  return cached.value;
}
