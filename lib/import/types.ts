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
