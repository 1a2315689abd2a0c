"use client";
import { useCallback, useRef, useState } from "react";

export type ImportError = { file?: string; line?: number | null; field?: string | null; message: string };
type Counts = { problems?: number; traces?: number; labels?: number; interventions?: number };
export type ImportSummary = Counts & {
  datasetId?: string; dataset?: string; format?: string; records?: number; recordsAlreadyPresent?: number;
  skipped?: Counts; alreadyImported?: boolean; problemsEnriched?: number;
};
export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "importing"; importId: string }
  | { phase: "done"; summary: ImportSummary; datasetId?: string }
  | { phase: "failed"; errors: ImportError[]; truncated?: boolean };

/**
 * POST a multipart form to /api/import with XMLHttpRequest, so upload progress events are real.
 * The server answers 202 with an import id once the file is stored; the import's own progress is
 * then read with useImportProgress (the import runs in the server's import process).
 */
export function useUpload(url = "/api/import") {
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  const upload = useCallback((form: FormData) => {
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open("POST", url);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => setState({ phase: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onerror = () => setState({ phase: "failed", errors: [{ message: "The upload failed: the server could not be reached." }] });
    xhr.onabort = () => setState({ phase: "idle" });
    xhr.onload = () => setState(readResponse(xhr.status, xhr.responseText));
    setState({ phase: "uploading", loaded: 0, total: 0 });
    xhr.send(form);
  }, [url]);

  const cancel = useCallback(() => xhrRef.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: "idle" }), []);
  const settle = useCallback((next: UploadState) => setState(next), []);
  return { state, upload, cancel, reset, settle };
}

function readResponse(status: number, text: string): UploadState {
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = undefined; }
  const b = body as { ok?: boolean; importId?: string; summary?: ImportSummary; errors?: ImportError[]; truncated?: boolean; error?: string; datasetId?: string; dataset?: { id?: string } } | undefined;
  if (b?.ok === true && b.importId) return { phase: "importing", importId: b.importId };
  if (b?.ok === true && b.summary) {
    return { phase: "done", summary: b.summary, datasetId: b.summary.datasetId ?? b.datasetId ?? b.dataset?.id };
  }
  if (b && Array.isArray(b.errors) && b.errors.length > 0) return { phase: "failed", errors: b.errors, truncated: b.truncated };
  const message = b?.error ?? (status === 413 ? "The file is too large." : `The server answered ${status}${text ? `: ${text.slice(0, 200)}` : ""}`);
  return { phase: "failed", errors: [{ message }] };
}
