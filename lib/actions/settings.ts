"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/data/audit";
import { readSettings, writeSettingsAudited } from "@/lib/data/settings";
import { fail, ok } from "@/lib/actions/result";
import { defineAction, defineFormAction } from "@/lib/actions/define-action";
import { connectionVerdict, probeModels } from "@/lib/model/probe";
import { BOUND_TO_NOTHING, keyFor, normalizeBaseUrl, sameBaseUrl } from "@/lib/model/key-binding";
import { envOf, forgetCachedModelConfig, readModelSettings, resolveModelConfig } from "@/lib/model/settings";
import { EndpointId, endpointSettingKeys } from "@/lib/model/endpoints";
import { activateTemplateVersion, saveTemplateVersion } from "@/lib/data/prompt-templates";
import { CONCURRENCY_SETTING } from "@/lib/jobs/settings";

// /settings: the model endpoints ("model" overrides MODEL_* env, "trained" TRAINED_MODEL_*),
// "test connection", template versions.
// Every change writes an AuditEvent; the API key is never sent back to the browser, and it is sent
// only to the base URL it was saved for (lib/model/key-binding.ts): saving another URL while
// keeping the saved key is refused, and "Test connection" of another URL needs the key typed.

const optionalInt = (min: number, max: number) =>
  z.union([z.literal(""), z.coerce.number().int().min(min).max(max)]).optional();

const EndpointForm = z.object({
  endpoint: EndpointId.default("model"),
  baseUrl: z.union([z.literal(""), z.string().trim().url("Enter a URL like http://127.0.0.1:8000/v1").max(500)]),
  name: z.string().trim().max(300),
  apiKey: z.string().max(500).optional(), // empty = keep the saved key
  clearApiKey: z.enum(["on"]).optional(),
  timeoutMs: optionalInt(1_000, 3_600_000),
  maxPromptTokens: optionalInt(256, 1_000_000),
  concurrency: optionalInt(1, 256),
});
export type EndpointForm = z.infer<typeof EndpointForm>;

async function audit(actor: string, action: string, entityId: string, after: unknown) {
  await recordAudit({ actor, action, entity: "PromptTemplate", entityId, traceId: null, before: null, after });
}

// Model endpoints and settings are the admin's (issue 13 §1): they hold the API keys and decide where text is sent.
export const saveModelEndpoint = defineFormAction(
  EndpointForm,
  { role: "admin", name: "saveModelEndpoint", invalid: "Check the highlighted fields." },
  async (v, actor) => {
    const K = endpointSettingKeys(v.endpoint);
    const text = (n: number | "" | undefined) => (n === undefined || n === "" ? "" : String(n));
    const values: Record<string, string> = {
      [K.baseUrl]: v.baseUrl,
      [K.name]: v.name,
      [K.timeoutMs]: text(v.timeoutMs),
    };
    // the verifier prompt limit and the job concurrency belong to the base model's section only
    if (v.endpoint === "model")
      Object.assign(values, {
        [K.maxPromptTokens]: text(v.maxPromptTokens),
        [CONCURRENCY_SETTING]: text(v.concurrency),
      });
    const saved = await readModelSettings(undefined, v.endpoint);
    const env = envOf(v.endpoint);
    const newUrl = normalizeBaseUrl(v.baseUrl || env.baseUrl);
    if (v.clearApiKey) Object.assign(values, { [K.apiKey]: "", [K.apiKeyUrl]: "" });
    else if (v.apiKey) Object.assign(values, { [K.apiKey]: v.apiKey, [K.apiKeyUrl]: newUrl ?? BOUND_TO_NOTHING });
    else if (saved.apiKey) {
      // keeping the saved key: only for the URL it was saved for (a key from before binding is bound now)
      const { boundTo } = keyFor({ baseUrl: null, saved, env });
      if (!sameBaseUrl(boundTo, newUrl)) {
        const msg = `The saved API key belongs to ${boundTo}; it is never sent to another server. Type the key for ${newUrl ?? "the new URL"}, or tick "Forget the saved key".`;
        return fail("Not saved: the API key field says why.", { apiKey: [msg] });
      }
      values[K.apiKeyUrl] = newUrl ?? BOUND_TO_NOTHING;
    }
    const keys = Object.keys(values);
    const before = await readSettings(keys);
    const shown = (k: string, val: string | undefined) => (k === K.apiKey ? (val ? "(set)" : "") : (val ?? ""));
    await writeSettingsAudited(values, {
      actor: actor.name,
      action: `settings.${v.endpoint}`,
      entityId: v.endpoint,
      before: Object.fromEntries([...before].map(([k, val]) => [k, shown(k, val)])),
      after: Object.fromEntries(Object.entries(values).map(([k, val]) => [k, shown(k, val)])),
    });
    forgetCachedModelConfig(v.endpoint);
    revalidatePath("/settings");
    return ok({ saved: true as const });
  },
);

const TestInput = z.object({
  baseUrl: z.string().trim().max(500).optional(),
  apiKey: z.string().max(500).optional(),
  name: z.string().trim().max(300).optional(),
  endpoint: EndpointId.default("model"),
});
export type ConnectionTest = {
  baseUrl: string;
  connected: boolean;
  text: string;
  status: number | null;
  latencyMs: number;
  models: string[];
};

/**
 * GET <base>/models of the form's URL (else the saved one): status, latency and the served ids,
 * never the body. The saved key goes only to the URL it was saved for; another URL needs the key
 * typed. "Connected" means the model name (the form's, else the saved one) is served there.
 */
export const testModelConnection = defineAction(
  TestInput,
  { role: "admin", name: "testModelConnection", invalid: "Invalid input." },
  async (data) => {
    const cfg = await resolveModelConfig(undefined, data.endpoint);
    const raw = data.baseUrl || cfg.baseUrl || "";
    if (!raw) return fail("Enter a base URL first (e.g. http://127.0.0.1:8000/v1).");
    const baseUrl = normalizeBaseUrl(raw);
    if (!baseUrl) return fail("The base URL must start with http:// or https://.");
    let apiKey: string | null = data.apiKey || null;
    if (!apiKey && cfg.apiKey) {
      if (!sameBaseUrl(baseUrl, cfg.baseUrl)) {
        return fail(
          `The saved API key is sent only to ${cfg.apiKeyFor}. To test ${baseUrl}, type its API key (any text if that server needs none).`,
          {
            apiKey: ["Type the key for this URL."],
          },
        );
      }
      apiKey = cfg.apiKey;
    }
    const probe = await probeModels(baseUrl, apiKey);
    const verdict = connectionVerdict(baseUrl, probe, data.name || cfg.name);
    return ok({
      baseUrl,
      ...verdict,
      status: probe.reached ? probe.status : null,
      latencyMs: probe.latencyMs,
      models: probe.reached ? (probe.models ?? []) : [],
    } satisfies ConnectionTest);
  },
);

const TemplateInput = z.object({
  turn1: z.string().min(1, "Turn 1 is empty").max(200_000),
  turn2: z.string().min(1, "Turn 2 is empty").max(200_000),
});

export const saveTemplate = defineFormAction(
  TemplateInput,
  { role: "admin", name: "saveTemplate", invalid: "Both turns are needed." },
  async (data, actor) => {
    if (!data.turn2.includes("{{attempt}}"))
      return fail("Turn 2 must contain {{attempt}} (the numbered student attempt).", {
        turn2: ["missing {{attempt}}"],
      });
    const { template, created } = await saveTemplateVersion(data);
    if (created)
      await audit(actor.name, "template.version", template.id, {
        name: template.name,
        version: template.version,
        hash: template.hash,
      });
    revalidatePath("/settings");
    return ok({ version: template.version, created });
  },
);

export const activateTemplate = defineAction(
  z.tuple([z.string().min(1).max(64)]),
  { role: "admin", name: "activateTemplate", invalid: "Invalid template id." },
  async ([id], actor) => {
    const t = await activateTemplateVersion(id);
    if (!t) return fail("That template version no longer exists.");
    await audit(actor.name, "template.activate", t.id, { name: t.name, version: t.version, hash: t.hash });
    revalidatePath("/settings");
    return ok({ version: t.version });
  },
);
