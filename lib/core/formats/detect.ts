// Format detection by the field names of the first record.
import { isObj } from "./fields";
import type { ImportFormat } from "./types";

export function detectFormat(first: unknown): { ok: true; value: ImportFormat } | { ok: false; reason: string } {
  if (!isObj(first)) return { ok: false, reason: "the first record is not a JSON object" };
  const has = (k: string) => Object.prototype.hasOwnProperty.call(first, k);
  if (isObj(first.question) && isObj(first.label)) return { ok: true, value: "prm800k" };
  if (has("steps") && (has("label") || has("first_error_index"))) return { ok: true, value: "processbench" };
  if (has("incorrect_attempt")) return { ok: true, value: "int" };
  if (["problem", "Problem", "question", "statement"].some(has)) return { ok: true, value: "problems" };
  const keys = Object.keys(first).slice(0, 12).join(", ");
  return {
    ok: false,
    reason: `cannot detect the format from the first record's fields (${keys || "none"}); expected int (incorrect_attempt), processbench (steps + label), prm800k (question + label) or problems (problem/Problem); pass --format`,
  };
}
