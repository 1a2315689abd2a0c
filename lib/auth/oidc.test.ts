import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startOidcStub } from "@/test-support/oidc-stub";
import { ssoSignIn } from "@/test-support/oidc-flow";

// Single sign-on through OpenID Connect, end to end over HTTP: better-auth's real handler (generic OAuth plugin,
// configured by OIDC_* exactly as in production) against a stub provider on 127.0.0.1 (test-support/oidc-stub.ts):
// discovery, authorize, token (secret + PKCE), id_token signed with the JWKS key, nonce. The rule under test
// (lib/auth/auth.ts#ssoOptions): the provider must have verified the email, and the email must belong to an account
// an admin made (it signs in with its role); anyone else is refused unless INT_SSO_SIGNUP=1, which makes a viewer.
const stub = await startOidcStub();
process.env.OIDC_DISCOVERY_URL = stub.discoveryUrl;
process.env.OIDC_CLIENT_ID = stub.clientId;
process.env.OIDC_CLIENT_SECRET = stub.clientSecret;
delete process.env.INT_SSO_SIGNUP;

const { auth } = await import("@/lib/auth/auth");
const { addUser, disableUser, findUser, setUserEmail } = await import("@/lib/data/users");

const BASE = "http://127.0.0.1:3000";
const handler = (r: Request) => auth().handler(r);
const sessionOf = (cookie: string, a = auth()) => a.api.getSession({ headers: new Headers({ cookie }) });
const errorOf = (location: string) => new URL(location, BASE).searchParams.get("error");

// A second studio on its own database with INT_SSO_SIGNUP=1 (the option is read when the auth instance is made).
const signupFile = join(tmpdir(), `int-studio-sso-signup-${process.pid}.db`);
afterAll(async () => {
  await stub.close();
  for (const s of ["", "-wal", "-shm"]) rmSync(signupFile + s, { force: true });
});

describe("single sign-on through an OIDC provider (stub)", () => {
  it("signs in the account an admin made with that email, with its role, under its user name", async () => {
    const made = await addUser({ name: "hana", role: "curator", email: "Hana@Lab.example", actor: "root" });
    if (!made.ok) throw new Error(made.error);
    const r = await ssoSignIn(handler, BASE, {
      email: "hana@lab.example",
      name: "Hana Q. Provider",
      emailVerified: true,
    });
    expect(r.location).toBe("/datasets");
    const s = await sessionOf(r.cookie);
    expect(s?.user.id).toBe(made.value.user.id);
    expect(s?.user.name).toBe("hana"); // the studio's name, not the provider's display name
    expect((s?.user as { role?: string }).role).toBe("curator");
    // hana's account has a generated password she never saw: a single sign-on session is not held to change it
    expect((s?.user as { mustChangePassword?: boolean }).mustChangePassword).toBe(true);
    expect((s?.session as { mustChangePassword?: boolean }).mustChangePassword).toBe(false);
    expect(stub.tokenRequests.at(-1)).toMatchObject({ pkce: true });
    expect(stub.tokenRequests.at(-1)?.clientAuth).not.toBe("none");
    // The second time the linked account is found by the provider's subject: same user.
    const again = await ssoSignIn(handler, BASE, { email: "hana@lab.example", name: "x", emailVerified: true });
    expect((await sessionOf(again.cookie))?.user.id).toBe(made.value.user.id);
  });

  it("refuses an email no admin gave an account, even when the client asks to sign up", async () => {
    for (const body of [{}, { requestSignUp: true }]) {
      const r = await ssoSignIn(handler, BASE, { email: "stranger@lab.example", name: "S", emailVerified: true }, body);
      expect(r.location).toMatch(/^\/sign-in\?error=signup_disabled/);
      expect(await sessionOf(r.cookie)).toBeNull();
    }
    expect(await findUser("stranger")).toBeNull();
  });

  it("refuses an email the provider has not verified, and never links to a local account's synthetic email", async () => {
    const made = await addUser({ name: "ivo", role: "admin", email: "ivo@lab.example", actor: "root" });
    if (!made.ok) throw new Error(made.error);
    const unverified = await ssoSignIn(handler, BASE, { email: "ivo@lab.example", name: "I", emailVerified: false });
    expect(errorOf(unverified.location)).toBe("account_not_linked");
    expect(await sessionOf(unverified.cookie)).toBeNull();
    const local = await addUser({ name: "jo", role: "admin", actor: "root" }); // no --email: jo@users.int-studio.invalid
    if (!local.ok) throw new Error(local.error);
    const spoof = await ssoSignIn(handler, BASE, {
      email: "jo@users.int-studio.invalid",
      name: "jo",
      emailVerified: true,
    });
    expect(errorOf(spoof.location)).toBe("account_not_linked");
    expect(await sessionOf(spoof.cookie)).toBeNull();
  });

  it("an email given later (`user email`) opens single sign-on for that account; reserved or taken ones are refused", async () => {
    const made = await addUser({ name: "lou", role: "annotator", actor: "root" });
    if (!made.ok) throw new Error(made.error);
    const who = { email: "lou@lab.example", name: "Lou", emailVerified: true };
    expect(errorOf((await ssoSignIn(handler, BASE, who)).location)).toBe("signup_disabled");
    expect(await setUserEmail({ name: "lou", email: "Lou@Lab.example", actor: "root" })).toMatchObject({ ok: true });
    const r = await ssoSignIn(handler, BASE, who);
    expect((await sessionOf(r.cookie))?.user).toMatchObject({ id: made.value.user.id, name: "lou", role: "annotator" });
    expect(await setUserEmail({ name: "hana", email: "lou@lab.example", actor: "root" })).toEqual({
      ok: false,
      error: "The email lou@lab.example already belongs to lou",
    });
    expect(await addUser({ name: "lou2", role: "viewer", email: "LOU@lab.example", actor: "root" })).toMatchObject({
      ok: false,
      error: "The email lou@lab.example already belongs to lou",
    });
    expect(await setUserEmail({ name: "lou", email: "root@users.int-studio.invalid", actor: "root" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/reserved local address/),
    });
    // taken away (`user email lou`): the identity linked at the first sign-in goes too, and so do lou's sessions
    expect(await setUserEmail({ name: "lou", email: null, actor: "root" })).toMatchObject({ ok: true });
    expect(await sessionOf(r.cookie)).toBeNull();
    const again = await ssoSignIn(handler, BASE, who);
    expect(await sessionOf(again.cookie)).toBeNull();
    expect(errorOf(again.location)).toBe("signup_disabled");
  });

  it("refuses a disabled account", async () => {
    const made = await addUser({ name: "kit", role: "annotator", email: "kit@lab.example", actor: "root" });
    if (!made.ok) throw new Error(made.error);
    await disableUser({ name: "kit", actor: "root" });
    const r = await ssoSignIn(handler, BASE, { email: "kit@lab.example", name: "Kit", emailVerified: true });
    expect(errorOf(r.location)).toBe("account_disabled");
    expect(await sessionOf(r.cookie)).toBeNull();
  });

  it("with INT_SSO_SIGNUP=1 a first sign-in makes a viewer named after the email, whatever role it claims", async () => {
    process.env.INT_SSO_SIGNUP = "1";
    const open = auth(`file:${signupFile}`);
    delete process.env.INT_SSO_SIGNUP;
    const first = await ssoSignIn((r) => open.handler(r), BASE, {
      email: "Lee.Park@lab.example",
      name: "root", // a display name that is another account's user name must not become this one's
      emailVerified: true,
      claims: { role: "admin", disabled: false, username: "root" },
    });
    expect(first.location).toBe("/datasets");
    const s = await sessionOf(first.cookie, open);
    expect(s?.user).toMatchObject({ name: "lee.park", username: "lee.park", role: "viewer" });
    // Another person with the same local part gets a distinct name.
    const second = await ssoSignIn((r) => open.handler(r), BASE, {
      email: "lee.park@other.example",
      name: "Lee",
      emailVerified: true,
    });
    expect((await sessionOf(second.cookie, open))?.user).toMatchObject({ name: "lee.park-2", role: "viewer" });
  });
});
