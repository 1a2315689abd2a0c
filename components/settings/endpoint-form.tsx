"use client";
import { useActionState, useState, useTransition } from "react";
import { saveModelEndpoint, testModelConnection } from "@/lib/actions/settings";
import { Button } from "@/components/ui/button";
import { SaveRow } from "./save-row";
import { ENDPOINT_ENV, ENDPOINT_LABEL, type EndpointId } from "@/lib/model/endpoints";

export type EndpointValues = {
  baseUrl: string;
  name: string;
  apiKeySet: boolean;
  apiKeyFor: string;
  timeoutMs: string;
  maxPromptTokens: string;
  concurrency: string;
  envBaseUrl: string;
  envName: string;
  defaults: { timeoutMs: number; maxPromptTokens: number; concurrency: number };
};

const input =
  "w-full rounded-md border border-slate-300 px-2 py-1 text-sm font-mono focus:outline-2 focus:outline-indigo-500";

function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string[];
  children: React.ReactNode;
}) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      {children}
      {hint && <span className="block text-xs text-slate-500">{hint}</span>}
      {error && <span className="block text-xs text-rose-700">{error.join(" ")}</span>}
    </label>
  );
}

// Number settings, typed as text (empty = the default shown as placeholder). Every endpoint has a
// timeout; the prompt limit and the job concurrency belong to the base model only.
const NUMBERS = [
  { name: "timeoutMs", label: "Request timeout (ms)" },
  { name: "maxPromptTokens", label: "Verifier prompt limit (tokens)" },
  { name: "concurrency", label: "Concurrent requests per job" },
] as const;

/** One endpoint's form ("model" = base, "trained" = InT-trained, "proposer"); the saved API key never comes back. */
export function EndpointForm({ values, endpoint = "model" }: { values: EndpointValues; endpoint?: EndpointId }) {
  const envName = ENDPOINT_ENV[endpoint];
  const base = endpoint === "model";
  const [state, action, saving] = useActionState(saveModelEndpoint, null);
  const [baseUrl, setBaseUrl] = useState(values.baseUrl);
  const [name, setName] = useState(values.name);
  const [apiKey, setApiKey] = useState("");
  const [test, setTest] = useState<{ connected: boolean; text: string; models: string[] } | null>(null);
  const [testing, startTest] = useTransition();
  const fe = state && !state.ok ? state.fieldErrors : undefined;

  const runTest = () =>
    startTest(async () => {
      const r = await testModelConnection({
        baseUrl: baseUrl || undefined,
        apiKey: apiKey || undefined,
        name: name || undefined,
        endpoint,
      });
      setTest(
        r.ok
          ? { connected: r.data.connected, text: r.data.text, models: r.data.models }
          : { connected: false, text: r.error, models: [] },
      );
    });

  return (
    <form
      action={action}
      className="space-y-3"
      aria-label={base ? "Model endpoint" : `${ENDPOINT_LABEL[endpoint]} endpoint`}
    >
      <input type="hidden" name="endpoint" value={endpoint} />
      <Field
        label="Base URL"
        hint={`Empty = ${envName.baseUrl} from the environment${values.envBaseUrl ? ` (${values.envBaseUrl})` : " (not set)"}.`}
        error={fe?.baseUrl}
      >
        <input
          name="baseUrl"
          className={input}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder={values.envBaseUrl || "http://127.0.0.1:8000/v1"}
        />
      </Field>
      <Field
        label="Model name"
        hint={`Empty = ${envName.name}${values.envName ? ` (${values.envName})` : " (not set)"}.`}
        error={fe?.name}
      >
        <input
          name="name"
          className={input}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={values.envName || "Qwen/Qwen3-4B-Instruct-2507"}
          list={`served-models-${endpoint}`}
        />
      </Field>
      <Field
        label="API key"
        hint={
          values.apiKeySet
            ? `A key is saved for ${values.apiKeyFor} and is sent only there; leave empty to keep it (another URL needs its key typed).`
            : `Optional (vLLM needs none unless started with --api-key). Empty = ${envName.apiKey}.`
        }
        error={fe?.apiKey}
      >
        <input
          name="apiKey"
          type="password"
          autoComplete="off"
          className={input}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
      </Field>
      {values.apiKeySet && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="clearApiKey" /> Forget the saved key
        </label>
      )}
      <div className="grid grid-cols-3 gap-3">
        {(base ? NUMBERS : NUMBERS.slice(0, 1)).map(({ name, label }) => (
          <Field key={name} label={label} error={fe?.[name]}>
            <input
              name={name}
              inputMode="numeric"
              className={input}
              defaultValue={values[name]}
              placeholder={String(values.defaults[name])}
            />
          </Field>
        ))}
      </div>
      <SaveRow saving={saving} state={state}>
        <Button onClick={runTest} disabled={testing}>
          {testing ? "Testing…" : "Test connection"}
        </Button>
      </SaveRow>
      {test && (
        <div
          role="status"
          aria-label="Connection test"
          className={
            test.connected
              ? "rounded-md bg-emerald-50 p-2 text-sm text-emerald-800"
              : "rounded-md bg-rose-50 p-2 text-sm text-rose-800"
          }
        >
          <p>{test.text}</p>
          {test.models.length > 0 && (
            <ul className="mt-1 flex flex-wrap gap-1">
              {test.models.map((m) => (
                <li key={m}>
                  <button
                    type="button"
                    className="rounded bg-white px-1.5 py-0.5 font-mono text-xs ring-1 ring-emerald-200 hover:bg-emerald-100"
                    onClick={() => setName(m)}
                    title="Use this model"
                  >
                    {m}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <datalist id={`served-models-${endpoint}`}>
            {test.models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </div>
      )}
    </form>
  );
}
