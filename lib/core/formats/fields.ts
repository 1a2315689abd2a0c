// Field readers for untrusted records: each check appends a FieldError instead of throwing.
import type { FieldError } from "./types";
import { MAX_FIELD_BYTES, formatBytes } from "./limits";

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** Size and Unicode checks for one text value (byte-exact storage needs well-formed UTF-16). */
export function checkText(value: string, field: string, errors: FieldError[]): boolean {
  // UTF-8 is at most 3 bytes per UTF-16 unit: skip the exact count for small strings.
  if (value.length * 3 > MAX_FIELD_BYTES) {
    const bytes = Buffer.byteLength(value, "utf8");
    if (bytes > MAX_FIELD_BYTES) {
      errors.push({
        field,
        message: `is ${formatBytes(bytes)}; the limit is ${formatBytes(MAX_FIELD_BYTES)} per field`,
      });
      return false;
    }
  }
  if (!value.isWellFormed()) {
    errors.push({ field, message: "contains an unpaired surrogate escape (\\ud800-\\udfff): not valid Unicode text" });
    return false;
  }
  return true;
}

type StrOpts = { required?: boolean; path?: string };

/** A string field; missing/null gives undefined (an error when required); wrong type is an error. */
export function str(obj: Obj, key: string, errors: FieldError[], opts: StrOpts = {}): string | undefined {
  const field = opts.path ?? key;
  const v = obj[key];
  if (v === undefined || v === null) {
    if (opts.required) errors.push({ field, message: "is required" });
    return undefined;
  }
  if (typeof v !== "string") {
    errors.push({ field, message: `must be a string, got ${typeName(v)}` });
    return undefined;
  }
  return checkText(v, field, errors) ? v : undefined;
}

/** The first present key among aliases ("reference_solution" or "solution"). */
export function strAlias(
  obj: Obj,
  keys: readonly string[],
  errors: FieldError[],
  opts: StrOpts = {},
): string | undefined {
  const key = keys.find((k) => obj[k] !== undefined && obj[k] !== null);
  if (key === undefined) {
    if (opts.required)
      errors.push({ field: opts.path ?? keys[0], message: `is required (one of: ${keys.join(", ")})` });
    return undefined;
  }
  return str(obj, key, errors, { path: opts.path ? undefined : key });
}

/** An id-like field: string, or a finite number turned into its decimal string. */
export function idString(obj: Obj, key: string, errors: FieldError[]): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "bigint") return String(v);
  if (typeof v === "string") return checkText(v, key, errors) ? v : null;
  errors.push({ field: key, message: `must be a string or number, got ${typeName(v)}` });
  return null;
}

export function bool(obj: Obj, key: string, errors: FieldError[]): boolean | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v;
  errors.push({ field: key, message: `must be true or false, got ${typeName(v)}` });
  return null;
}

/** An integer field (JSON number or a BigInt from Parquet INT64). */
export function int(
  obj: Obj,
  key: string,
  errors: FieldError[],
  opts: { required?: boolean; path?: string } = {},
): number | undefined {
  const field = opts.path ?? key;
  let v = obj[key];
  if (v === undefined || v === null) {
    if (opts.required) errors.push({ field, message: "is required" });
    return undefined;
  }
  if (typeof v === "bigint") v = Number(v);
  if (typeof v !== "number" || !Number.isSafeInteger(v)) {
    errors.push({ field, message: `must be an integer, got ${typeof v === "number" ? v : typeName(v)}` });
    return undefined;
  }
  return v;
}

/** Scalar values of a record for Problem.metadata (long texts and nested values are skipped). */
export function scalarMetadata(obj: Obj, skip: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (skip.includes(k)) continue;
    if (typeof v === "bigint") out[k] = Number(v);
    else if (typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && v.length <= 10_000))
      out[k] = v;
  }
  return out;
}
