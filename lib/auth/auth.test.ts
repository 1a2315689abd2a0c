import { describe, expect, it } from "vitest";
import { auth, SIGN_IN_LIMIT } from "@/lib/auth/auth";
import { addUser, disableUser, listUsers, setUserRole } from "@/lib/data/users";

// Sign-in against the library's real handler on this file's throwaway database.
const BASE = "http://127.0.0.1:3000";
let ip = 10;
const signIn = (username: string, password: string, from = `10.0.0.${ip}`) =>
  auth().handler(
    new Request(`${BASE}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": from },
      body: JSON.stringify({ username, password }),
    }),
  );
const sessionOf = async (cookie: string) => auth().api.getSession({ headers: new Headers({ cookie }) });
const cookieOf = (r: Response) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("local accounts", () => {
  it("signs in with the one-time password, stores a slow salted hash, never the password", async () => {
    const r = await addUser({ name: "Alice", role: "curator", actor: "test" });
    if (!r.ok) throw new Error(r.error);
    const res = await signIn("alice", r.value.password);
    expect(res.status).toBe(200);
    const s = await sessionOf(cookieOf(res));
    expect(s?.user.name).toBe("Alice");
    expect((s?.user as { role?: string }).role).toBe("curator");
    const ctx = await auth().$context;
    const acc = await ctx.internalAdapter.findCredentialAccount(r.value.user.id);
    expect(acc?.password).not.toContain(r.value.password);
    expect(acc?.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]+$/); // scrypt: salt:key
  });

  it("refuses a second user with the same name in another case, and bad names", async () => {
    await addUser({ name: "bob", role: "viewer", actor: "test" });
    expect(await addUser({ name: "BOB", role: "viewer", actor: "test" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/already exists/),
    });
    expect(await addUser({ name: "a b", role: "viewer", actor: "test" })).toMatchObject({ ok: false });
  });

  it(`answers 429 after ${SIGN_IN_LIMIT.max} wrong passwords for one name, even from changing addresses`, async () => {
    await addUser({ name: "carol", role: "viewer", actor: "test" });
    const codes: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMIT.max; i++)
      codes.push((await signIn("carol", "wrong-password-" + i, `10.9.0.${i}`)).status);
    expect(codes.slice(0, SIGN_IN_LIMIT.max).every((c) => c === 401)).toBe(true);
    expect(codes[SIGN_IN_LIMIT.max]).toBe(429);
  });

  it("ends a disabled user's sessions and refuses a new sign-in", async () => {
    ip++;
    const r = await addUser({ name: "dave", role: "annotator", actor: "test" });
    if (!r.ok) throw new Error(r.error);
    const cookie = cookieOf(await signIn("dave", r.value.password));
    expect(await sessionOf(cookie)).not.toBeNull();
    expect((await disableUser({ name: "dave", actor: "test" })).ok).toBe(true);
    expect(await sessionOf(cookie)).toBeNull();
    ip++;
    expect((await signIn("dave", r.value.password)).status).not.toBe(200);
    expect((await listUsers()).find((u) => u.name === "dave")?.disabled).toBe(true);
  });

  it("never leaves the studio without an active admin", async () => {
    await addUser({ name: "root", role: "admin", actor: "test" });
    expect(await setUserRole({ name: "root", role: "viewer", actor: "test" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/last admin/),
    });
    expect(await disableUser({ name: "root", actor: "test" })).toMatchObject({ ok: false });
  });
});
