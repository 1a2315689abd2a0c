import { RetryableError } from "./types";

// Error classification for the runner. Besides our own classes we accept duck-typed errors
// (name / kind / retryable fields) so a stage's model client does not have to share classes.

type Tagged = { name?: unknown; kind?: unknown; retryable?: unknown; retryAfterMs?: unknown; url?: unknown };

export function isUnreachable(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const t = e as Tagged;
  return t.name === "UnreachableError" || t.kind === "unreachable";
}

export function isRetryable(e: unknown): boolean {
  if (e instanceof RetryableError || isUnreachable(e)) return true;
  if (!e || typeof e !== "object") return false;
  const t = e as Tagged;
  return t.retryable === true || t.name === "RetryableError";
}

export function retryAfterOf(e: unknown): number | undefined {
  const v = e && typeof e === "object" ? (e as Tagged).retryAfterMs : undefined;
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function urlOf(e: unknown): string | undefined {
  const v = e && typeof e === "object" ? (e as Tagged).url : undefined;
  return typeof v === "string" && v ? v : undefined;
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === "string") return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

export function isAbort(e: unknown): boolean {
  return !!e && typeof e === "object" && ((e as Tagged).name === "AbortError" || (e as Tagged).kind === "aborted");
}
