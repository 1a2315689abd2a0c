import { RetryableError } from "@/lib/jobs/types";

// Model-call errors classified as langfuse does: timeout / unreachable / http / bad-response.
// Retryable ones are RetryableError (the job runner retries them with backoff); the `kind`
// field lets the runner tell "server down" (pause) from a one-off failure.
export type ModelErrorKind = "timeout" | "unreachable" | "http" | "bad-response" | "not-configured" | "aborted";

// `transient`: a bad response worth another try (a reply that is not JSON or was cut off is
// usually a proxy error page or a server restarting, like a 5xx), unlike well-formed JSON of
// the wrong shape, which the next try would repeat.
type Info = { kind: ModelErrorKind; status?: number; url?: string; transient?: boolean };

export class ModelError extends Error {
  readonly retryable = false;
  constructor(
    message: string,
    readonly kind: ModelErrorKind,
    readonly status?: number,
    readonly url?: string,
  ) {
    super(message);
    this.name = "ModelError";
  }
}

export class RetryableModelError extends RetryableError {
  readonly retryable = true;
  constructor(
    message: string,
    readonly kind: ModelErrorKind,
    readonly status?: number,
    readonly url?: string,
    retryAfterMs?: number,
  ) {
    super(message, retryAfterMs);
    this.name = "RetryableError";
  }
}

export type AnyModelError = ModelError | RetryableModelError;

export function isModelError(e: unknown): e is AnyModelError {
  return e instanceof ModelError || e instanceof RetryableModelError;
}

/** HTTP statuses worth another try: rate limits, overload and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

export function modelError(message: string, info: Info, retryAfterMs?: number): AnyModelError {
  const retryable =
    info.kind === "timeout" ||
    info.kind === "unreachable" ||
    (info.kind === "http" && isRetryableStatus(info.status ?? 0)) ||
    (info.kind === "bad-response" && info.transient === true);
  return retryable
    ? new RetryableModelError(message, info.kind, info.status, info.url, retryAfterMs)
    : new ModelError(message, info.kind, info.status, info.url);
}
