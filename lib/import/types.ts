import type { FieldError, ImportFormat } from "@/lib/core/formats";

/** One record read from a file, or why it could not be read. line: JSONL line, JSON array index+1, Parquet row+1. */
export type RawRecord = { line: number; value: unknown } | { line: number; error: FieldError };

export type RecordSource = {
  kind: "jsonl" | "json" | "parquet";
  totalBytes: number;
  records: AsyncIterable<RawRecord>;
  /** Bytes consumed so far (for progress). */
  bytesRead(): number;
  /** sha256 of the file's bytes; complete once `records` is exhausted. */
  fileHash(): string;
};

export type ImportError = { file: string; line: number; field: string; message: string };

export type ImportProgress = { records: number; bytesRead: number; totalBytes: number };

export type ImportOptions = {
  dataset: string;
  format?: ImportFormat | "auto";
  actor?: string;
  onProgress?: (p: ImportProgress) => void;
};

import type { ImportCounts } from "@/lib/data/import";
export type { ImportCounts };

export type ImportSummary = ImportCounts & {
  ok: true;
  dataset: string;
  datasetId: string;
  format: ImportFormat;
  fileName: string;
  fileHash: string;
  records: number;
  /** Records that added nothing: everything they hold was already in the dataset (or earlier in the file). */
  recordsAlreadyPresent: number;
  /** Rows already present (same content hash): not written again. */
  skipped: ImportCounts;
  /** Existing problems whose empty reference solution or answer was filled in. */
  problemsEnriched: number;
  /** The same file (same bytes) was imported into this dataset before. */
  alreadyImported: boolean;
};

export type ImportFailure = { ok: false; errors: ImportError[]; truncated: boolean };
export type ImportResult = ImportSummary | ImportFailure;

// The wire types of the web import, shared by the route handlers and the upload form (which
// imports them as types: nothing of the server comes into the client bundle).

/** POST /api/import: 202 queued | ?wait=1: the summary | 400/413: the errors (upload refused or import failed). */
export type ImportPostResponse =
  | { ok: true; importId: string }
  | { ok: true; summary: Omit<ImportSummary, "ok"> }
  | { ok: false; errors: ImportError[]; truncated?: boolean };

export type WebImportPhase = "queued" | "importing" | "done" | "failed";
/** A web import's progress record: GET /api/import/[importId] answers {ok: true, import: WebImport}. */
export type WebImport = {
  id: string;
  dataset: string;
  fileName: string;
  phase: WebImportPhase;
  records: number;
  bytesRead: number;
  totalBytes: number;
  result: ImportResult | null;
  finishedAt: number | null;
};

/** GET /api/import/[importId] (read by components/import/use-import-progress.ts). */
export type ImportProgressResponse = { ok: true; import: WebImport };
