// Where an endpoint's API key may go (issue 11 §2). A key is sent only to the base URL it was
// saved for: a key typed on /settings is bound to the URL saved with it (Setting "<id>.apiKeyUrl"),
// an environment key (MODEL_API_KEY, ...) to the environment's base URL. A base URL changed later,
// by anyone who can reach the studio, gets no key until one is typed for it.

/** The comparable form of a base URL (scheme and host lower-cased, default port and trailing slashes dropped), or null. */
export function normalizeBaseUrl(raw: string | null | undefined): string | null {
  const t = (raw ?? "").trim();
  if (!t) return null;
  try {
    const u = new URL(t);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}${u.search}`;
  } catch {
    return null;
  }
}

export function sameBaseUrl(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normalizeBaseUrl(a);
  return x !== null && x === normalizeBaseUrl(b);
}

/** Stored as apiKeyUrl when a key is typed with no base URL anywhere: matches no URL. */
export const BOUND_TO_NOTHING = "(no base URL)";

export type KeySources = {
  /** the effective base URL (saved, else environment) */
  baseUrl: string | null;
  saved: { apiKey?: string; apiKeyUrl?: string; baseUrl?: string };
  env: { apiKey?: string; baseUrl?: string };
};

/**
 * The key to send to `baseUrl`, and the URL the existing key belongs to. A saved key from before
 * keys were bound (no apiKeyUrl row) belongs to the URL saved beside it, as it did then.
 */
export function keyFor(x: KeySources): { apiKey: string | null; boundTo: string | null } {
  const home = (raw: string) => normalizeBaseUrl(raw) ?? raw;
  if (x.saved.apiKey) {
    const boundTo = home(x.saved.apiKeyUrl ?? x.saved.baseUrl ?? x.env.baseUrl ?? BOUND_TO_NOTHING);
    return { apiKey: sameBaseUrl(boundTo, x.baseUrl) ? x.saved.apiKey : null, boundTo };
  }
  if (x.env.apiKey) {
    const boundTo = home(x.env.baseUrl ?? BOUND_TO_NOTHING);
    return { apiKey: sameBaseUrl(boundTo, x.baseUrl) ? x.env.apiKey : null, boundTo };
  }
  return { apiKey: null, boundTo: null };
}
