import { createHash, createSign, generateKeyPairSync, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A stub OpenID Connect provider for tests ONLY (never offered to users): real HTTP on 127.0.0.1 with what
// better-auth's generic OAuth plugin uses: discovery, an authorize page, the token endpoint (client secret, PKCE
// S256, one-use codes, the redirect URI checked), userinfo and the JWKS of the RS256 key that signs the id_token
// (iss, aud, nonce, exp). The authorize page is a form where the test types who signs in (email, name, whether the
// provider vouches for the email, extra claims as JSON), the way a developer IdP does; no account store.

export type StubIdentity = { email: string; name: string; emailVerified: boolean; claims?: Record<string, unknown> };
export type OidcStub = {
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** What reached the token endpoint, for tests that prove a check (e.g. the secret was sent). */
  tokenRequests: { clientAuth: "basic" | "post" | "none"; pkce: boolean }[];
  close(): Promise<void>;
};

type Pending = { redirectUri: string; state: string; nonce?: string; challenge?: string; clientId: string };
type Issued = Pending & { who: StubIdentity; sub: string };

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// The same email is the same person at this provider: a stable subject, as a real IdP keeps.
const subjectOf = (email: string) => createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 24);

async function body(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  res.writeHead(status, {
    "content-type": typeof data === "string" ? "text/html; charset=utf-8" : "application/json",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function startOidcStub(opts: { port?: number; clientId?: string; clientSecret?: string } = {}) {
  const clientId = opts.clientId ?? "int-studio-test";
  const clientSecret = opts.clientSecret ?? randomBytes(16).toString("hex");
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(6).toString("hex");
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const pending = new Map<string, Pending>();
  const codes = new Map<string, Issued>();
  const tokens = new Map<string, Issued>();
  const tokenRequests: OidcStub["tokenRequests"] = [];
  let issuer = "";

  const idToken = (i: Issued) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
    const payload = b64url(
      JSON.stringify({ ...claimsOf(i), iss: issuer, aud: i.clientId, iat: now, exp: now + 300, nonce: i.nonce }),
    );
    const sig = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(privateKey);
    return `${header}.${payload}.${b64url(sig)}`;
  };
  // Extra claims first: a test may send hostile ones (e.g. "role"), never override who the person is.
  const claimsOf = (i: Issued) => ({
    ...i.who.claims,
    sub: i.sub,
    email: i.who.email,
    email_verified: i.who.emailVerified,
    name: i.who.name,
  });

  const authorizePage = (id: string, p: Pending) => `<!doctype html><html><head><title>Stub identity provider</title>
<style>body{font:14px system-ui;margin:3rem auto;max-width:26rem}label{display:block;margin:.6rem 0}input[type=text],input[type=email]{width:100%}</style>
</head><body><h1>Stub identity provider (tests only)</h1><p>Sign in to ${esc(p.clientId)} as:</p>
<form method="post" action="/authorize"><input type="hidden" name="request" value="${esc(id)}">
<label>Email <input type="email" name="email" required></label>
<label>Name <input type="text" name="name" value="Stub Person"></label>
<label><input type="checkbox" name="email_verified" value="1" checked> The provider has verified this email</label>
<label>Extra claims (JSON) <input type="text" name="claims" value="{}"></label>
<button type="submit">Continue</button></form></body></html>`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", issuer);
    if (req.method === "GET" && url.pathname === "/.well-known/openid-configuration")
      return send(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        code_challenge_methods_supported: ["S256"],
        scopes_supported: ["openid", "profile", "email"],
      });
    if (req.method === "GET" && url.pathname === "/jwks") return send(res, 200, { keys: [jwk] });
    if (req.method === "GET" && url.pathname === "/authorize") {
      const q = url.searchParams;
      if (q.get("client_id") !== clientId) return send(res, 400, `unknown client_id`);
      if (q.get("response_type") !== "code") return send(res, 400, `response_type must be code`);
      const redirectUri = q.get("redirect_uri");
      const state = q.get("state");
      if (!redirectUri || !state) return send(res, 400, `redirect_uri and state are required`);
      if (q.get("code_challenge") && q.get("code_challenge_method") !== "S256") return send(res, 400, "S256 only");
      const id = randomBytes(12).toString("hex");
      pending.set(id, {
        redirectUri,
        state,
        clientId,
        nonce: q.get("nonce") ?? undefined,
        challenge: q.get("code_challenge") ?? undefined,
      });
      return send(res, 200, authorizePage(id, pending.get(id)!));
    }
    if (req.method === "POST" && url.pathname === "/authorize") {
      const f = await body(req);
      const p = pending.get(f.get("request") ?? "");
      if (!p) return send(res, 400, "unknown or used authorization request");
      pending.delete(f.get("request")!);
      const email = (f.get("email") ?? "").trim();
      const who: StubIdentity = {
        email,
        name: f.get("name") ?? "",
        emailVerified: f.get("email_verified") === "1",
        claims: JSON.parse(f.get("claims") || "{}") as Record<string, unknown>,
      };
      const code = randomBytes(16).toString("hex");
      codes.set(code, { ...p, who, sub: subjectOf(email) });
      const to = new URL(p.redirectUri);
      to.searchParams.set("code", code);
      to.searchParams.set("state", p.state);
      return send(res, 302, "", { location: to.toString() });
    }
    if (req.method === "POST" && url.pathname === "/token") {
      const f = await body(req);
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
      const [id, secret] = basic
        ? Buffer.from(basic[1], "base64").toString("utf8").split(":").map(decodeURIComponent)
        : [f.get("client_id") ?? "", f.get("client_secret") ?? ""];
      tokenRequests.push({
        clientAuth: basic ? "basic" : f.get("client_secret") ? "post" : "none",
        pkce: !!f.get("code_verifier"),
      });
      if (id !== clientId || !secret || !same(secret, clientSecret)) return send(res, 401, { error: "invalid_client" });
      const issued = codes.get(f.get("code") ?? "");
      codes.delete(f.get("code") ?? ""); // one use, whatever happens next
      if (!issued || f.get("grant_type") !== "authorization_code") return send(res, 400, { error: "invalid_grant" });
      if (f.get("redirect_uri") !== issued.redirectUri) return send(res, 400, { error: "invalid_grant" });
      if (issued.challenge) {
        const verifier = f.get("code_verifier") ?? "";
        if (b64url(createHash("sha256").update(verifier).digest()) !== issued.challenge)
          return send(res, 400, { error: "invalid_grant", error_description: "PKCE verifier does not match" });
      }
      const access = randomBytes(16).toString("hex");
      tokens.set(access, issued);
      return send(res, 200, {
        access_token: access,
        token_type: "Bearer",
        expires_in: 300,
        scope: "openid profile email",
        id_token: idToken(issued),
      });
    }
    if (req.method === "GET" && url.pathname === "/userinfo") {
      const i = tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
      return i ? send(res, 200, claimsOf(i)) : send(res, 401, { error: "invalid_token" });
    }
    send(res, 404, { error: "not_found" });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, { error: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stub: OidcStub = {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    tokenRequests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return stub;
}
