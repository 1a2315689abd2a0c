// Limits on untrusted import input. A file or field over a limit is refused with a message.
export const MAX_FILE_BYTES = 500 * 1024 * 1024;
/** One text field (problem, trace, solution, intervention...). */
export const MAX_FIELD_BYTES = 1024 * 1024;
/** One JSONL line (a record may hold several fields). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** A JSON array/object file is parsed whole, so it has a smaller cap than JSONL. */
export const MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024;
/** Errors collected before the import stops reading. */
export const MAX_ERRORS = 50;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
