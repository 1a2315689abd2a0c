import { AuthError, requireRole, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/core/roles";

// Every route handler is built here: the role is checked on the server before the handler reads anything.
// Refusals are JSON, 401 (not signed in, or the session ended) or 403 (role too low), never a redirect: scripts
// and fetches read them. Unexpected errors are logged with the route and answered 500 JSON.

type Ctx<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: Ctx<P>, actor: Actor) => Promise<Response> | Response;

export function authRefusal(e: unknown, req?: Request): Response | null {
  if (!(e instanceof AuthError)) return null;
  // A refused upload's body is never read: close the connection rather than leave the client sending into it.
  const close: Record<string, string> =
    req && req.method !== "GET" && req.method !== "HEAD" ? { Connection: "close" } : {};
  return Response.json(
    { ok: false, error: e.message },
    { status: e.status, headers: { "Cache-Control": "no-store", ...close } },
  );
}

export function defineRoute<P = Record<string, never>>(opts: { role: Role; name: string }, handler: Handler<P>) {
  // ctx is optional so a handler without params can be called as `POST(request)` (tests, scripts).
  return async (req: Request, ctx: Ctx<P> = { params: Promise.resolve({} as P) }): Promise<Response> => {
    let actor: Actor;
    try {
      actor = await requireRole(opts.role);
    } catch (e) {
      const r = authRefusal(e, req);
      if (r) return r;
      console.error(`[route ${opts.name}] could not tell who is asking`, e);
      return Response.json({ ok: false, error: "Could not check who you are; see the server log." }, { status: 500 });
    }
    try {
      return await handler(req, ctx, actor);
    } catch (e) {
      const r = authRefusal(e);
      if (r) return r;
      console.error(`[route ${opts.name}] ${req.method} ${new URL(req.url).pathname} failed`, e);
      return Response.json({ ok: false, error: "The server failed; see its log." }, { status: 500 });
    }
  };
}
