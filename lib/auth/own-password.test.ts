import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { auth } from "@/lib/auth/auth";
import { addUser } from "@/lib/data/users";

// A person's own password, as /account changes it: POST /api/auth/change-password on better-auth's real handler with
// this browser's session cookie. The current password is checked; then the new one works, the old one is refused,
// every other session ends, this browser gets a new session cookie, and the server writes the audit row.
const BASE = "http://127.0.0.1:3000";
let ip = 0; // a fresh client address per request: the library rate-limits /change-password per address too
const post = (path: string, body: unknown, cookie = "") =>
  auth().handler(
    new Request(`${BASE}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": `10.1.2.${++ip}`, cookie },
      body: JSON.stringify(body),
    }),
  );
const signIn = (username: string, password: string) => post("/sign-in/username", { username, password });
const cookieOf = (r: Response) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
const sessionOf = (cookie: string) => auth().api.getSession({ headers: new Headers({ cookie }) });
const change = (cookie: string, currentPassword: string, newPassword: string) =>
  post("/change-password", { currentPassword, newPassword, revokeOtherSessions: true }, cookie);

describe("changing your own password", () => {
  it("checks the current password, then the new one works, the old one is refused and other sessions end", async () => {
    const r = await addUser({ name: "gus", role: "annotator", actor: "root" });
    if (!r.ok) throw new Error(r.error);
    const old = r.value.password;
    const here = cookieOf(await signIn("gus", old));
    expect((await sessionOf(here))?.session).toMatchObject({ mustChangePassword: true });
    const laptop = cookieOf(await signIn("gus", old)); // another browser, left signed in
    const wrong = await change(here, "not-the-password", "new-pass-123");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });
    expect((await change(here, old, "short")).status).toBe(400);
    expect(await sessionOf(laptop)).not.toBeNull();

    const ok = await change(here, old, "new-pass-123");
    expect(ok.status).toBe(200);
    expect(await sessionOf(laptop)).toBeNull();
    expect(await sessionOf(here)).toBeNull(); // its old session too: the response carries the new one
    expect((await sessionOf(cookieOf(ok)))?.user.name).toBe("gus");
    // the generated password was one-time: the account and the new session are no longer held to change it
    const held = (c: string) =>
      sessionOf(c).then((x) =>
        [x?.user, x?.session].map((o) => (o as { mustChangePassword?: boolean } | undefined)?.mustChangePassword),
      );
    expect(await held(cookieOf(ok))).toEqual([false, false]);
    expect((await signIn("gus", old)).status).toBe(401);
    expect((await signIn("gus", "new-pass-123")).status).toBe(200);
    const rows = await prisma.auditEvent.findMany({ where: { entityId: r.value.user.id, action: "user.password" } });
    expect(rows.map((a) => a.actor)).toEqual(["gus"]); // one row: the refused attempts wrote none
    expect(rows[0].after).not.toContain("new-pass-123");
  });

  it("is refused without a session", async () => {
    expect((await change("", "x", "yyyyyyyy")).status).toBe(401);
  });
});
