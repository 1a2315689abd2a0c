import type { ReactNode } from "react";
import type { ModelStatus } from "@/lib/model/settings";
import { ENDPOINT_ENV, type EndpointId } from "@/lib/model/endpoints";
import { EndpointForm, type EndpointValues } from "./endpoint-form";
import { ModelStatusNotice } from "./model-status-notice";

// What the settings page says about each endpoint; the section around it, the status line and the
// form are the same for all three (one component, so a new endpoint is a new entry here).
const COPY: Record<EndpointId, { title: string; about: ReactNode }> = {
  model: {
    title: "Model endpoint",
    about: "Any OpenAI-compatible server (vLLM, SGLang, OpenAI, Ollama).",
  },
  trained: {
    title: "Trained model (for comparison sampling)",
    about: (
      <>
        The InT-trained model, served like the base one. Sampling attempts &quot;from the trained model&quot; on a
        dataset puts its traces next to the base model&apos;s on the Compare page.
      </>
    ),
  },
  proposer: {
    title: "Proposer model (optional)",
    about: (
      <>
        A model that writes interventions instead of the base model, as in the paper&apos;s comparisons with a stronger
        proposer. Pick it per job (CLI: <code>propose --endpoint proposer</code>); each proposal records the endpoint it
        came from.
      </>
    ),
  },
};

/** One endpoint's settings section: heading, what it is for, its status and its form. */
export function EndpointSection({
  endpoint,
  status,
  values,
}: {
  endpoint: EndpointId;
  status: ModelStatus;
  values: EndpointValues;
}) {
  const { title, about } = COPY[endpoint];
  const env = ENDPOINT_ENV[endpoint];
  const headingId = `${endpoint === "model" ? "endpoint" : endpoint}-h`;
  // The base model's section is the page's title; the others are sections under it.
  const Heading = endpoint === "model" ? "h1" : "h2";
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={headingId}>
      <div>
        <Heading id={headingId} className="text-lg font-semibold">
          {title}
        </Heading>
        <p className="text-sm text-slate-600">
          {about} Saved values override {env.baseUrl}, {env.name} and {env.apiKey}.
        </p>
        <ModelStatusNotice status={status} testId={endpoint === "model" ? "model-status" : `${endpoint}-status`} />
      </div>
      <EndpointForm endpoint={endpoint} values={values} />
    </section>
  );
}
