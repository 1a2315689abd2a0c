import { env } from "@/lib/env";
import { keyFor } from "@/lib/model/key-binding";
import { modelStatus, readModelSettings } from "@/lib/model/settings";
import { DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_TIMEOUT_MS } from "@/lib/model/sampling";
import { listTemplateVersions } from "@/lib/data/prompt-templates";
import { readSetting } from "@/lib/data/settings";
import { CONCURRENCY_SETTING, DEFAULTS } from "@/lib/jobs/settings";
import { ENDPOINT_ENV, ENDPOINT_IDS } from "@/lib/model/endpoints";
import { EndpointSection } from "@/components/settings/endpoint-section";
import { TemplateEditor } from "@/components/settings/template-editor";
import { Turn1ModeForm } from "@/components/settings/turn1-mode-form";
import { defaultTurn1Mode } from "@/lib/propose/params";

/** The URL a saved key belongs to (shown beside the key field; the key itself never is). */
const keyHome = (saved: { apiKey?: string; apiKeyUrl?: string; baseUrl?: string }, envBaseUrl: string | undefined) =>
  keyFor({ baseUrl: null, saved, env: { baseUrl: envBaseUrl } }).boundTo ?? "";

export const dynamic = "force-dynamic";
export const metadata = { title: "Model settings · InT Studio" };

export default async function SettingsPage() {
  const e = env();
  const [endpoints, versions, conc, turn1] = await Promise.all([
    Promise.all(
      ENDPOINT_IDS.map(async (id) => {
        const [saved, status] = await Promise.all([readModelSettings(undefined, id), modelStatus(undefined, id)]);
        const vars = ENDPOINT_ENV[id];
        return { id, saved, status, envBaseUrl: e[vars.baseUrl], envName: e[vars.name] };
      }),
    ),
    listTemplateVersions(),
    readSetting(CONCURRENCY_SETTING),
    defaultTurn1Mode(),
  ]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      {endpoints.map(({ id, saved, status, envBaseUrl, envName }) => (
        <EndpointSection
          key={id}
          endpoint={id}
          status={status}
          values={{
            baseUrl: saved.baseUrl ?? "",
            name: saved.name ?? "",
            apiKeySet: Boolean(saved.apiKey),
            apiKeyFor: keyHome(saved, envBaseUrl),
            timeoutMs: saved.timeoutMs ?? "",
            // the prompt limit and the job concurrency are the base model's (the form shows them only there)
            maxPromptTokens: id === "model" ? (saved.maxPromptTokens ?? "") : "",
            concurrency: id === "model" ? (conc ?? "") : "",
            envBaseUrl: envBaseUrl ?? "",
            envName: envName ?? "",
            defaults: {
              timeoutMs: DEFAULT_TIMEOUT_MS,
              maxPromptTokens: DEFAULT_MAX_PROMPT_TOKENS,
              concurrency: DEFAULTS.concurrency,
            },
          }}
        />
      ))}
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="turn1-h">
        <h2 id="turn1-h" className="text-lg font-semibold">
          Proposal sampling
        </h2>
        <Turn1ModeForm value={turn1} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="tpl-h">
        <div>
          <h2 id="tpl-h" className="text-lg font-semibold">
            Verifier prompt template
          </h2>
          <p className="text-sm text-slate-600">
            The two-turn procedure: the model first solves the problem guided by the reference solution, then verifies
            the student&apos;s attempt, reports the first critical error and writes one intervention. Paste another
            prompt (e.g. the paper&apos;s) to save it as a new version; every proposal records the version and hash it
            used.
          </p>
        </div>
        <TemplateEditor
          versions={versions.map((v) => ({
            id: v.id,
            version: v.version,
            hash: v.hash,
            active: v.active,
            createdAt: v.createdAt.toISOString(),
            turn1: v.turn1,
            turn2: v.turn2,
          }))}
        />
      </section>
    </div>
  );
}
