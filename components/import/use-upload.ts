"use client";
import { useCallback, useRef, useState } from "react";
import type { ImportError, ImportPostResponse, ImportSummary } from "@/lib/import/types";

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "importing"; importId: string }
  | { phase: "done"; summary: Omit<ImportSummary, "ok"> }
  | { phase: "failed"; errors: ImportError[]; truncated?: boolean };

/** An error of the upload itself (no file line or field to name). */
export const uploadError = (message: string): ImportError => ({ file: "", line: 0, field: "", message });

/**
 * POST a multipart form to /api/import with XMLHttpRequest, so upload progress events are real.
 * The server answers 202 with an import id once the file is stored; the import's own progress is
 * then read with useImportProgress (the import runs in the server's import process).
 */
export function useUpload(url = "/api/import") {
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  const upload = useCallback(
    (form: FormData) => {
      const xhr = new XMLHttpRequest();
      xhrRef.current = xhr;
      xhr.open("POST", url);
      xhr.responseType = "text";
      xhr.upload.onprogress = (e) =>
        setState({ phase: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
      xhr.onerror = () =>
        setState({ phase: "failed", errors: [uploadError("The upload failed: the server could not be reached.")] });
      xhr.onabort = () => setState({ phase: "idle" });
      xhr.onload = () => setState(readResponse(xhr.status, xhr.responseText));
      setState({ phase: "uploading", loaded: 0, total: 0 });
      xhr.send(form);
    },
    [url],
  );

  const cancel = useCallback(() => xhrRef.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: "idle" }), []);
  const settle = useCallback((next: UploadState) => setState(next), []);
  return { state, upload, cancel, reset, settle };
}

/** The route's answer (ImportPostResponse), or a proxy's / server's non-JSON error page. */
function readResponse(status: number, text: string): UploadState {
  let b: ImportPostResponse | undefined;
  try {
    b = JSON.parse(text) as ImportPostResponse;
  } catch {
    b = undefined;
  }
  if (b?.ok === true)
    return "importId" in b ? { phase: "importing", importId: b.importId } : { phase: "done", summary: b.summary };
  if (b?.ok === false && Array.isArray(b.errors) && b.errors.length > 0)
    return { phase: "failed", errors: b.errors, truncated: b.truncated };
  const message =
    status === 413 ? "The file is too large." : `The server answered ${status}${text ? `: ${text.slice(0, 200)}` : ""}`;
  return { phase: "failed", errors: [uploadError(message)] };
}
