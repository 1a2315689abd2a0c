// Strict UTF-8 decoding: invalid bytes are refused, never replaced.
const fatal = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return fatal.decode(bytes);
  } catch {
    return null;
  }
}

/** Where the invalid bytes sit: the JSON path of the first string holding U+FFFD after a lenient decode. */
export function locateInvalidUtf8(bytes: Uint8Array): string {
  try {
    const value: unknown = JSON.parse(lenient.decode(bytes));
    return findReplacement(value, "") ?? "";
  } catch {
    return "";
  }
}

function findReplacement(v: unknown, path: string): string | null {
  if (typeof v === "string") return v.includes("\uFFFD") ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findReplacement(v[i], `${path}[${i}]`);
      if (p !== null) return p;
    }
    return null;
  }
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes("\uFFFD")) return path ? `${path}.${k}` : k;
      const p = findReplacement(x, path ? `${path}.${k}` : k);
      if (p !== null) return p;
    }
  }
  return null;
}

export const INVALID_UTF8 = "is not valid UTF-8 (re-encode the file as UTF-8)";
