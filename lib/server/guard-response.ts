import { env } from "@/lib/env";
import { allowedHosts, checkRequest, type AllowedHost } from "./request-guard";

// The one place a request is refused for its Host or origin: proxy.ts runs it for every page,
// server action and route handler, and /api/import (left out of the proxy so that uploads
// stream instead of being buffered by Next) calls it first thing.

let cached: AllowedHost[] | undefined;
const hosts = () => (cached ??= allowedHosts(env().INT_ALLOWED_HOSTS));

/** A plain-text 403/421 with the one-line reason, or null when the request may go on. */
export function refuseForeignRequest(req: Request): Response | null {
  const h = req.headers;
  // No Host header: HTTP/1.0, or a Request built in a test; no browser omits it, so the URL stands in.
  const host = h.get("host") ?? new URL(req.url).host;
  const d = checkRequest(
    { method: req.method, host, origin: h.get("origin"), secFetchSite: h.get("sec-fetch-site") },
    hosts(),
  );
  if (d.ok) return null;
  return new Response(`${d.reason}\n`, {
    status: d.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
