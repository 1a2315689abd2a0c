import { describe, expect, it } from "vitest";
import { auth, SIGN_IN_LIMIT } from "@/lib/auth/auth";
import { prisma } from "@/lib/db";
import { addUser, disableUser, enableUser, listUsers, resetUserPassword, setUserRole } from "@/lib/data/users";

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

  it("lets a re-enabled account sign in again, audited", async () => {
    ip++;
    const r = await addUser({ name: "erin", role: "annotator", actor: "test" });
    if (!r.ok) throw new Error(r.error);
    await disableUser({ name: "erin", actor: "test" });
    const refused = await signIn("erin", r.value.password);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: expect.stringMatching(/disabled: ask an admin/) });
    expect(await enableUser({ name: "erin", actor: "root" })).toMatchObject({ ok: true, value: { disabled: false } });
    const res = await signIn("erin", r.value.password);
    expect(res.status).toBe(200);
    expect((await sessionOf(cookieOf(res)))?.user.name).toBe("erin");
    const rows = await prisma.auditEvent.findMany({
      where: { entityId: r.value.user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((a) => `${a.actor}|${a.action}`)).toEqual([
      "test|user.add",
      "test|user.disable",
      "root|user.enable",
    ]);
  });

  it("an admin's password reset refuses the old password and ends every session of the account", async () => {
    ip++;
    const r = await addUser({ name: "fay", role: "curator", actor: "test" });
    if (!r.ok) throw new Error(r.error);
    const cookies = [cookieOf(await signIn("fay", r.value.password)), cookieOf(await signIn("fay", r.value.password))];
    for (const c of cookies) expect(await sessionOf(c)).not.toBeNull();
    const reset = await resetUserPassword({ name: "Fay", actor: "root" });
    if (!reset.ok) throw new Error(reset.error);
    expect(reset.value.password).toMatch(/^\S{20}$/);
    expect(reset.value.password).not.toBe(r.value.password);
    for (const c of cookies) expect(await sessionOf(c)).toBeNull();
    expect((await signIn("fay", r.value.password)).status).toBe(401);
    expect((await signIn("fay", reset.value.password)).status).toBe(200);
    const row = await prisma.auditEvent.findFirst({ where: { entityId: r.value.user.id, action: "user.password" } });
    expect(row?.actor).toBe("root");
    expect(row?.after).not.toContain(reset.value.password);
    expect(await resetUserPassword({ name: "fay", password: "short", actor: "root" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at least 8/),
    });
    expect(await resetUserPassword({ name: "nobody", actor: "root" })).toMatchObject({
      ok: false,
      error: "No user named nobody",
    });
  });
});
