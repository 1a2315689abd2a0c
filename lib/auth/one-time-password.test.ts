// A session signed in with a generated (one-time) password can do nothing but change it: every server action and
// route asks requireRole (lib/actions/define-action.ts, lib/server/define-route.ts), which refuses it with the reason.
import { describe, expect, it, vi } from "vitest";
import { auth } from "@/lib/auth/auth";
import { addUser } from "@/lib/data/users";

let cookie = "";
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie }),
  cookies: async () => ({ get: () => undefined }),
}));
const { requireRole, AuthError } = await import("@/lib/auth/actor");

const BASE = "http://127.0.0.1:3000";
const post = async (path: string, body: unknown) => {
  const res = await auth().handler(
    new Request(`${BASE}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": "10.3.0.1", cookie },
      body: JSON.stringify(body),
    }),
  );
  expect(res.status).toBe(200);
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
};

describe("a one-time password's session", () => {
  it("is refused by every action and route until its owner chooses their own password", async () => {
    await addUser({ name: "root", role: "admin", password: "root-password", actor: "t" });
    const r = await addUser({ name: "ola", role: "curator", actor: "root" });
    if (!r.ok) throw new Error(r.error);
    await post("/sign-in/username", { username: "ola", password: r.value.password });
    const refused = await requireRole("viewer").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthError);
    expect(refused).toMatchObject({ status: 403, message: expect.stringMatching(/^Choose your own password first/) });

    await post("/change-password", {
      currentPassword: r.value.password,
      newPassword: "ola-chose-this",
      revokeOtherSessions: true,
    });
    expect(await requireRole("curator")).toMatchObject({ name: "ola", role: "curator" });
  });

  it("does not hold a password the admin typed (`--password-stdin`): whoever typed it chose it", async () => {
    await addUser({ name: "pia", role: "annotator", password: "typed-for-pia", actor: "root" });
    cookie = "";
    await post("/sign-in/username", { username: "pia", password: "typed-for-pia" });
    expect(await requireRole("annotator")).toMatchObject({ name: "pia" });
  });
});
