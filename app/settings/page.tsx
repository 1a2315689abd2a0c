import { env } from "@/lib/env";
import { keyFor } from "@/lib/model/key-binding";
import { modelStatus, readModelSettings } from "@/lib/model/settings";
import { DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_TIMEOUT_MS } from "@/lib/model/sampling";
import { listTemplateVersions } from "@/lib/data/prompt-templates";
import { readSetting } from "@/lib/data/settings";
import { CONCURRENCY_SETTING, DEFAULTS } from "@/lib/jobs/settings";
import { EndpointForm } from "@/components/settings/endpoint-form";
import { ModelStatusNotice } from "@/components/settings/model-status-notice";
import { TemplateEditor } from "@/components/settings/template-editor";
import { Turn1ModeForm } from "@/components/settings/turn1-mode-form";
import { defaultTurn1Mode } from "@/lib/propose/params";

/** The URL a saved key belongs to (shown beside the key field; the key itself never is). */
const keyHome = (saved: { apiKey?: string; apiKeyUrl?: string; baseUrl?: string }, envBaseUrl: string | undefined) =>
  keyFor({ baseUrl: null, saved, env: { baseUrl: envBaseUrl } }).boundTo ?? "";

export const dynamic = "force-dynamic";
export const metadata = { title: "Model settings · InT Studio" };

export default async function SettingsPage() {
  const [saved, status, trainedSaved, trainedStatus, versions, conc, proposerSaved, proposerStatus, turn1] =
    await Promise.all([
      readModelSettings(),
      modelStatus(),
      readModelSettings(undefined, "trained"),
      modelStatus(undefined, "trained"),
      listTemplateVersions(),
      readSetting(CONCURRENCY_SETTING),
      readModelSettings(undefined, "proposer"),
      modelStatus(undefined, "proposer"),
      defaultTurn1Mode(),
    ]);
  const e = env();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="endpoint-h">
        <div>
          <h1 id="endpoint-h" className="text-lg font-semibold">
            Model endpoint
          </h1>
          <p className="text-sm text-slate-600">
            Any OpenAI-compatible server (vLLM, SGLang, OpenAI, Ollama). Saved values override MODEL_BASE_URL,
            MODEL_NAME and MODEL_API_KEY.
          </p>
          <ModelStatusNotice status={status} />
        </div>
        <EndpointForm
          values={{
            baseUrl: saved.baseUrl ?? "",
            name: saved.name ?? "",
            apiKeySet: Boolean(saved.apiKey),
            apiKeyFor: keyHome(saved, e.MODEL_BASE_URL),
            timeoutMs: saved.timeoutMs ?? "",
            maxPromptTokens: saved.maxPromptTokens ?? "",
            concurrency: conc ?? "",
            envBaseUrl: e.MODEL_BASE_URL ?? "",
            envName: e.MODEL_NAME ?? "",
            defaults: {
              timeoutMs: DEFAULT_TIMEOUT_MS,
              maxPromptTokens: DEFAULT_MAX_PROMPT_TOKENS,
              concurrency: DEFAULTS.concurrency,
            },
          }}
        />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="trained-h">
        <div>
          <h2 id="trained-h" className="text-lg font-semibold">
            Trained model (for comparison sampling)
          </h2>
          <p className="text-sm text-slate-600">
            The InT-trained model, served like the base one. Sampling attempts &quot;from the trained model&quot; on a
            dataset puts its traces next to the base model&apos;s on the Compare page. Saved values override
            TRAINED_MODEL_BASE_URL, TRAINED_MODEL_NAME and TRAINED_MODEL_API_KEY.
          </p>
          <ModelStatusNotice status={trainedStatus} testId="trained-status" />
        </div>
        <EndpointForm
          endpoint="trained"
          values={{
            baseUrl: trainedSaved.baseUrl ?? "",
            name: trainedSaved.name ?? "",
            apiKeySet: Boolean(trainedSaved.apiKey),
            apiKeyFor: keyHome(trainedSaved, e.TRAINED_MODEL_BASE_URL),
            timeoutMs: trainedSaved.timeoutMs ?? "",
            maxPromptTokens: "",
            concurrency: "",
            envBaseUrl: e.TRAINED_MODEL_BASE_URL ?? "",
            envName: e.TRAINED_MODEL_NAME ?? "",
            defaults: {
              timeoutMs: DEFAULT_TIMEOUT_MS,
              maxPromptTokens: DEFAULT_MAX_PROMPT_TOKENS,
              concurrency: DEFAULTS.concurrency,
            },
          }}
        />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="proposer-h">
        <div>
          <h2 id="proposer-h" className="text-lg font-semibold">
            Proposer model (optional)
          </h2>
          <p className="text-sm text-slate-600">
            A model that writes interventions instead of the base model, as in the paper&apos;s comparisons with a
            stronger proposer. Pick it per job (CLI: <code>propose --endpoint proposer</code>); each proposal records
            the endpoint it came from. Saved values override PROPOSER_MODEL_BASE_URL, PROPOSER_MODEL_NAME and
            PROPOSER_MODEL_API_KEY.
          </p>
          <ModelStatusNotice status={proposerStatus} testId="proposer-status" />
        </div>
        <EndpointForm
          endpoint="proposer"
          values={{
            baseUrl: proposerSaved.baseUrl ?? "",
            name: proposerSaved.name ?? "",
            apiKeySet: Boolean(proposerSaved.apiKey),
            apiKeyFor: keyHome(proposerSaved, e.PROPOSER_MODEL_BASE_URL),
            timeoutMs: proposerSaved.timeoutMs ?? "",
            maxPromptTokens: "",
            concurrency: "",
            envBaseUrl: e.PROPOSER_MODEL_BASE_URL ?? "",
            envName: e.PROPOSER_MODEL_NAME ?? "",
            defaults: {
              timeoutMs: DEFAULT_TIMEOUT_MS,
              maxPromptTokens: DEFAULT_MAX_PROMPT_TOKENS,
              concurrency: DEFAULTS.concurrency,
            },
          }}
        />
      </section>
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
