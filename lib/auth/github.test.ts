import { afterAll, describe, expect, it, vi } from "vitest";

// GitHub sign-in without the network: better-auth's real GitHub provider and callback, configured by GITHUB_* as in
// production, with github.com's three server-side calls (token exchange, /user, /user/emails) answered by a fake
// in this process (global fetch). What this does NOT cover: github.com's own authorize page and its real answers;
// the fake answers in the documented shapes. The rule is the OIDC one (lib/auth/auth.ts#ssoOptions): a verified
// email of an account an admin made signs in; an unverified one or a stranger is refused.
process.env.GITHUB_CLIENT_ID = "gh-client";
process.env.GITHUB_CLIENT_SECRET = "gh-secret";
delete process.env.INT_SSO_SIGNUP;

const { auth } = await import("@/lib/auth/auth");
const { addUser } = await import("@/lib/data/users");

const BASE = "http://127.0.0.1:3000";
let github: { id: number; login: string; email: string; verified: boolean };
const seen: string[] = [];
const realFetch = globalThis.fetch;
const json = (data: unknown) => new Response(JSON.stringify(data), { headers: { "content-type": "application/json" } });
vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!/^https:\/\/(github\.com|api\.github\.com)\//.test(url)) return realFetch(input, init);
  seen.push(url.split("?")[0]);
  if (url.startsWith("https://github.com/login/oauth/access_token")) {
    const body = new URLSearchParams(String(init?.body ?? ""));
    if (body.get("client_secret") !== "gh-secret" || body.get("code") !== "gh-code") return json({ error: "bad" });
    return json({ access_token: "gh-token", token_type: "bearer", scope: "read:user,user:email" });
  }
  const authz = new Headers(init?.headers).get("authorization");
  if (authz !== "Bearer gh-token") return new Response("{}", { status: 401 });
  if (url === "https://api.github.com/user")
    return json({ id: github.id, login: github.login, name: github.login, email: null, avatar_url: null });
  if (url === "https://api.github.com/user/emails")
    return json([{ email: github.email, primary: true, verified: github.verified }]);
  return new Response("{}", { status: 404 });
});
afterAll(() => void vi.unstubAllGlobals());

async function githubSignIn(who: typeof github) {
  github = who;
  const start = await auth().handler(
    new Request(`${BASE}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ provider: "github", callbackURL: "/jobs" }),
    }),
  );
  const { url } = (await start.json()) as { url: string };
  const state = new URL(url).searchParams.get("state")!;
  const cookie = start.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  // GitHub's authorize page is skipped: it would send the browser back with a code and the state.
  const done = await auth().handler(
    new Request(`${BASE}/api/auth/callback/github?code=gh-code&state=${state}`, { headers: { cookie } }),
  );
  const session = await auth().api.getSession({
    headers: new Headers({
      cookie: done.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    }),
  });
  return { authorize: url, location: done.headers.get("location") ?? "", session };
}

describe("GitHub sign-in (github.com faked at fetch)", () => {
  it("signs in the account an admin made with the verified primary email, with its role", async () => {
    const made = await addUser({ name: "mo", role: "annotator", email: "mo@lab.example", actor: "root" });
    if (!made.ok) throw new Error(made.error);
    const r = await githubSignIn({ id: 7, login: "mo-gh", email: "mo@lab.example", verified: true });
    expect(new URL(r.authorize).origin).toBe("https://github.com");
    expect(r.location).toBe("/jobs");
    expect(r.session?.user).toMatchObject({ id: made.value.user.id, name: "mo", role: "annotator" });
    expect(seen).toEqual([
      "https://github.com/login/oauth/access_token",
      "https://api.github.com/user",
      "https://api.github.com/user/emails",
    ]);
  });

  it("refuses an unverified GitHub email and an email no admin gave an account", async () => {
    await addUser({ name: "nia", role: "admin", email: "nia@lab.example", actor: "root" });
    const unverified = await githubSignIn({ id: 8, login: "nia-gh", email: "nia@lab.example", verified: false });
    expect(unverified.location).toBe("/sign-in?error=account_not_linked");
    expect(unverified.session).toBeNull();
    const stranger = await githubSignIn({ id: 9, login: "who", email: "who@lab.example", verified: true });
    expect(stranger.location).toMatch(/^\/sign-in\?error=signup_disabled/);
    expect(stranger.session).toBeNull();
  });
});
