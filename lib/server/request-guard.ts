// Which requests the studio answers (pure: headers in, decision out; proxy.ts and the import
// route apply it). There is no sign-in, so two browser tricks must not reach it:
// - DNS rebinding: a page on evil.example re-resolves its own name to 127.0.0.1; the browser
//   then treats the studio as evil.example's own origin (Origin and Host agree). Only the Host
//   header gives it away, so every request must name one of the configured hosts.
// - Cross-site writes: a page on another origin (another port is enough) auto-submits a form.
//   A write must come from the studio's own origin (Sec-Fetch-Site, else Origin, against Host).
// X-Forwarded-Host is never read: a rebound page can set it on a same-origin fetch.

/** Names the studio answers to without configuration, on any port (an SSH tunnel may remap it). */
export const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"] as const;

export type AllowedHost = { name: string; port: string | null };
export type GuardRequest = { method: string; host: string | null; origin: string | null; secFetchSite: string | null };
export type GuardDecision = { ok: true } | { ok: false; status: 403 | 421; reason: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// A Host header is a name or IPv4 address, or a bracketed IPv6 address, then an optional port.
// Strict on purpose: no userinfo, path or trailing dot sneaks a second name past the list.
const HOST_RE =
  /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::(\d{1,5}))?$/;

export function parseHost(value: string): AllowedHost | null {
  const m = HOST_RE.exec(value.trim().toLowerCase());
  return m ? { name: m[1], port: m[2] ?? null } : null;
}

/**
 * The loopback names plus INT_ALLOWED_HOSTS (comma- or space-separated; `name` allows any port,
 * `name:port` that port only). Throws on an entry that is not a host name, naming it.
 */
export function allowedHosts(setting: string | undefined): AllowedHost[] {
  const extra = (setting ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const h = parseHost(entry);
      if (!h)
        throw new Error(`INT_ALLOWED_HOSTS: "${entry}" is not a host name (expected name, name:port or [ipv6]:port)`);
      return h;
    });
  return [...LOOPBACK_HOSTS.map((name) => ({ name, port: null })), ...extra];
}

const hostAllowed = (h: AllowedHost, list: readonly AllowedHost[]) =>
  list.some((a) => a.name === h.name && (a.port === null || a.port === h.port));

/** Is this Origin the studio's own, as addressed by the request's Host? */
function sameOrigin(origin: string, host: AllowedHost): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return false;
  const defaultPort = u.protocol === "https:" ? "443" : "80";
  return u.hostname === host.name && (u.port || defaultPort) === (host.port ?? defaultPort);
}

export function checkRequest(req: GuardRequest, allowed: readonly AllowedHost[]): GuardDecision {
  const host = req.host ? parseHost(req.host) : null;
  if (!host || !hostAllowed(host, allowed)) {
    const shown = JSON.stringify((req.host ?? "").slice(0, 100));
    return {
      ok: false,
      status: 421,
      reason: `Refused: this studio answers only to its configured host names (INT_ALLOWED_HOSTS), and the request was addressed to ${shown}.`,
    };
  }
  if (SAFE_METHODS.has(req.method.toUpperCase())) return { ok: true };
  // Browsers send Sec-Fetch-Site on every request; "same-site" (another port of 127.0.0.1) is not ours.
  const site = req.secFetchSite?.toLowerCase() ?? null;
  if (site !== null && site !== "same-origin") {
    return {
      ok: false,
      status: 403,
      reason: `Refused: a write from another site (Sec-Fetch-Site: ${site.slice(0, 40)}); use the studio's own pages.`,
    };
  }
  if (req.origin !== null && !sameOrigin(req.origin, host)) {
    return {
      ok: false,
      status: 403,
      reason: `Refused: a write from another origin (${JSON.stringify(req.origin.slice(0, 100))}); use the studio's own pages.`,
    };
  }
  // Neither header: not a browser (curl, scripts), which no other site can drive.
  return { ok: true };
}
