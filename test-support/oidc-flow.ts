import type { StubIdentity } from "./oidc-stub";

// Drives a single sign-on the way a browser does, against better-auth's real handler and the stub provider over
// HTTP: the studio's "Sign in with single sign-on" request, the provider's authorize form, the redirect back to the
// studio's callback. Returns where the studio sent the browser at the end and the cookies it holds.

type Handler = (req: Request) => Promise<Response>;
export type SsoOutcome = { location: string; cookie: string; status: number };

const cookiesOf = (r: Response) => r.headers.getSetCookie().map((c) => c.split(";")[0]);
const merge = (jar: string[], more: string[]) => {
  const m = new Map(jar.map((c) => [c.split("=")[0], c]));
  for (const c of more) m.set(c.split("=")[0], c);
  return [...m.values()].filter((c) => !/=$/.test(c)); // an emptied cookie is a deleted one
};

export async function ssoSignIn(
  handler: Handler,
  base: string,
  who: StubIdentity,
  body: Record<string, unknown> = {},
): Promise<SsoOutcome> {
  const start = await handler(
    new Request(`${base}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/datasets", ...body }),
    }),
  );
  if (start.status !== 200) throw new Error(`sign-in/social answered ${start.status}: ${await start.text()}`);
  let jar = cookiesOf(start);
  const { url } = (await start.json()) as { url: string };
  const page = await fetch(url);
  const html = await page.text();
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (!request) throw new Error(`the provider's authorize page has no form (${page.status}): ${html.slice(0, 200)}`);
  const form = new URLSearchParams({
    request,
    email: who.email,
    name: who.name,
    claims: JSON.stringify(who.claims ?? {}),
  });
  if (who.emailVerified) form.set("email_verified", "1");
  const back = await fetch(new URL("/authorize", url), { method: "POST", body: form, redirect: "manual" });
  const callback = back.headers.get("location");
  if (back.status !== 302 || !callback) throw new Error(`the provider did not redirect back (${back.status})`);
  const done = await handler(new Request(callback, { headers: { cookie: jar.join("; ") } }));
  jar = merge(jar, cookiesOf(done));
  return { status: done.status, location: done.headers.get("location") ?? "", cookie: jar.join("; ") };
}
