import type { ModelStatus } from "@/lib/model/settings";

/** One line next to disabled model actions: what is configured, or how to start a model server. */
export function ModelStatusNotice({ status, testId = "model-status" }: { status: ModelStatus; testId?: string }) {
  if (status.configured) {
    return (
      <p className="text-xs text-slate-600" data-testid={testId}>
        {status.endpoint === "trained" ? "Trained model" : status.endpoint === "proposer" ? "Proposer model" : "Model"}{" "}
        <span className="font-mono">{status.name}</span> at <span className="font-mono">{status.baseUrl}</span>
      </p>
    );
  }
  return (
    <p role="status" className="text-xs text-amber-800" data-testid={testId}>
      {status.reason}
    </p>
  );
}
