// Format detection by the field names of the first record, in the registry's DETECTION_ORDER.
import { isObj } from "./fields";
import { DETECTION_ORDER, importFormatSpec, type ImportFormat } from "./registry";

export function detectFormat(first: unknown): { ok: true; value: ImportFormat } | { ok: false; reason: string } {
  if (!isObj(first)) return { ok: false, reason: "the first record is not a JSON object" };
  const has = (k: string) => Object.prototype.hasOwnProperty.call(first, k);
  const found = DETECTION_ORDER.find((f) => importFormatSpec(f).detect(first, has));
  if (found) return { ok: true, value: found };
  const keys = Object.keys(first).slice(0, 12).join(", ");
  const expected = DETECTION_ORDER.map((f) => importFormatSpec(f).signature);
  return {
    ok: false,
    reason: `cannot detect the format from the first record's fields (${keys || "none"}); expected ${expected.slice(0, -1).join(", ")} or ${expected.at(-1)}; pass --format`,
  };
}
