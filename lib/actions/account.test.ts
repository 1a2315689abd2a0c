import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";

// A person's own password, through the real actor (the session cookie of "this browser") and better-auth's
// changePassword: the current password is checked, the new one works, the old one and every other session end.
const jar = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: jar.cookie, origin: "http://127.0.0.1:3000" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));

const { auth } = await import("@/lib/auth/auth");
const { addUser } = await import("@/lib/data/users");
const { changeOwnPasswordAction } = await import("./account");

const BASE = "http://127.0.0.1:3000";
const signIn = (username: string, password: string) =>
  auth().handler(
    new Request(`${BASE}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": "10.1.2.3" },
      body: JSON.stringify({ username, password }),
    }),
  );
const cookieOf = (r: Response) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
const sessionOf = (cookie: string) => auth().api.getSession({ headers: new Headers({ cookie }) });

describe("changeOwnPasswordAction", () => {
  it("checks the current password, then the new one works, the old one is refused and other sessions end", async () => {
    const r = await addUser({ name: "gus", role: "annotator", actor: "root" });
    if (!r.ok) throw new Error(r.error);
    const old = r.value.password;
    jar.cookie = cookieOf(await signIn("gus", old)); // this browser
    const laptop = cookieOf(await signIn("gus", old)); // another one, left signed in
    expect(await changeOwnPasswordAction({ currentPassword: "not-the-password", newPassword: "new-pass-123" })).toEqual(
      { ok: false, error: "The current password is wrong.", fieldErrors: { currentPassword: ["wrong"] } },
    );
    expect(await changeOwnPasswordAction({ currentPassword: old, newPassword: "short" })).toMatchObject({ ok: false });
    expect(await sessionOf(laptop)).not.toBeNull();

    expect(await changeOwnPasswordAction({ currentPassword: old, newPassword: "new-pass-123" })).toEqual({
      ok: true,
      data: { otherSessionsEnded: true },
    });
    expect(await sessionOf(laptop)).toBeNull();
    expect((await signIn("gus", old)).status).toBe(401);
    expect((await signIn("gus", "new-pass-123")).status).toBe(200);
    const rows = await prisma.auditEvent.findMany({ where: { entityId: r.value.user.id, action: "user.password" } });
    expect(rows.map((a) => a.actor)).toEqual(["gus"]);
    expect(rows[0].after).not.toContain("new-pass-123");
  });

  it("is refused signed out (no cookie)", async () => {
    jar.cookie = "";
    expect(await changeOwnPasswordAction({ currentPassword: "x", newPassword: "yyyyyyyy" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Sign in first/),
    });
  });
});
