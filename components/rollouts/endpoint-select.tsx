"use client";
import Link from "next/link";
import { ENDPOINT_ENV, type EndpointId } from "@/lib/model/endpoints";
import type { ModelStatus } from "@/lib/model/settings";

const label = (s: ModelStatus | undefined, what: string) =>
  s?.configured ? `${what}: ${s.name}` : `${what} (not configured)`;

/**
 * "from": which endpoint samples the attempts, the base model or the InT-trained one (issue 5 §1).
 * The trained option is disabled while it is not configured; a short reason sits beside the select
 * (the full one, with how to serve the model, on hover).
 */
export function EndpointSelect({
  value,
  onChange,
  model,
  trained,
}: {
  value: EndpointId;
  onChange: (v: EndpointId) => void;
  model: ModelStatus;
  trained?: ModelStatus;
}) {
  const reason = trainedReason(trained);
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600">
      from
      <select
        aria-label="Sample from"
        value={value}
        onChange={(e) => onChange(e.target.value as EndpointId)}
        className="h-6 max-w-72 rounded border border-slate-300 bg-white text-xs"
      >
        <option value="model">{label(model, "Base model")}</option>
        <option value="trained" disabled={!!reason} title={reason}>
          {label(trained, "Trained model")}
        </option>
      </select>
    </label>
  );
}

const trainedReason = (t?: ModelStatus) => (t?.configured ? undefined : (t?.reason ?? "No trained model endpoint."));

/** Why "Trained model" is disabled, in short (the full reason on hover); nothing once it is configured. */
export function TrainedNotice({ trained }: { trained?: ModelStatus }) {
  const reason = trainedReason(trained);
  if (!reason) return null;
  const env = ENDPOINT_ENV.trained;
  return (
    <span className="text-xs text-slate-500" data-testid="trained-status" title={reason}>
      Trained model: set {env.baseUrl} and {env.name}, or{" "}
      <Link className="text-indigo-700 hover:underline" href="/settings">
        on /settings
      </Link>
    </span>
  );
}
