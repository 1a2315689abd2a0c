"use client";
import { useEffect } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useImportProgress } from "./use-import-progress";
import { uploadError, type UploadState } from "./use-upload";

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The import's progress (records read, bytes of the stored file) until it ends, then its result. */
export function ImportProgressPanel({ importId, onEnd }: { importId: string; onEnd: (s: UploadState) => void }) {
  const { data: p, error } = useImportProgress(importId);
  const ended = p && (p.phase === "done" || p.phase === "failed");
  useEffect(() => {
    if (!p || !ended || !p.result) return;
    if (p.result.ok) onEnd({ phase: "done", summary: p.result });
    else onEnd({ phase: "failed", errors: p.result.errors, truncated: p.result.truncated });
  }, [p, ended, onEnd]);
  useEffect(() => {
    if (error) onEnd({ phase: "failed", errors: [uploadError(error.message)] });
  }, [error, onEnd]);

  const pct = p && p.totalBytes > 0 ? Math.round((p.bytesRead / p.totalBytes) * 100) : 0;
  return (
    <div className="max-w-2xl space-y-1 text-sm" role="status" aria-label="Import progress">
      <ProgressBar label="Import progress" value={p?.bytesRead ?? 0} max={p?.totalBytes || 1} />
      <p className="text-xs text-slate-600 tabular-nums">
        {!p || p.phase === "queued"
          ? "Uploaded. Waiting for the import before it to finish…"
          : `Importing… ${p.records.toLocaleString("en")} records checked and written, ${pct}% of ${mb(p.totalBytes)} (all or nothing: nothing is visible until the end).`}
      </p>
    </div>
  );
}
