// The proxy's sign-in gate on a real database: single-user mode until the first account, then signed-out pages go
// to /sign-in with their return path, APIs answer 401 JSON, and a disabled user's cookie stops working at once.
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { auth } from "@/lib/auth/auth";
import { addUser, disableUser } from "@/lib/data/users";

vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
const { proxy } = await import("@/proxy");
const { safeNext } = await import("@/lib/auth/gate");
const { currentActor } = await import("@/lib/auth/actor");

const BASE = "http://127.0.0.1:3000";
const get = (path: string, cookie?: string) =>
  proxy(new NextRequest(BASE + path, { headers: { host: "127.0.0.1:3000", ...(cookie ? { cookie } : {}) } }));
async function signIn(username: string, password: string): Promise<string> {
  const res = await auth().handler(
    new Request(`${BASE}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": "10.1.0.1" },
      body: JSON.stringify({ username, password }),
    }),
  );
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

describe("sign-in gate", () => {
  it("is off while no account exists on loopback: single-user mode, the header name acts as admin", async () => {
    expect((await get("/datasets")).headers.get("x-middleware-next")).toBe("1");
    expect(await currentActor()).toMatchObject({ role: "admin", userId: null });
  });

  it("turns on with the first account: pages redirect with the return path, APIs get 401, sign-in stays open", async () => {
    const r = await addUser({ name: "gatekeeper", role: "admin", actor: "test" });
    if (!r.ok) throw new Error(r.error);
    const page = await get("/datasets/abc?status=todo");
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get("location")!).pathname).toBe("/sign-in");
    expect(new URL(page.headers.get("location")!).searchParams.get("next")).toBe("/datasets/abc?status=todo");
    const api = await get("/api/jobs");
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ ok: false, error: "Sign in first" });
    expect((await get("/sign-in")).headers.get("x-middleware-next")).toBe("1");
    expect((await get("/api/auth/get-session")).headers.get("x-middleware-next")).toBe("1");
    expect(await currentActor()).toBeNull(); // no cookie: nobody
  });

  it("lets a signed-in user through until the account is disabled", async () => {
    const r = await addUser({ name: "temp", role: "viewer", password: "typed-by-the-admin", actor: "test" });
    if (!r.ok) throw new Error(r.error);
    const cookie = await signIn("temp", "typed-by-the-admin");
    expect((await get("/datasets", cookie)).headers.get("x-middleware-next")).toBe("1");
    await disableUser({ name: "temp", actor: "gatekeeper" });
    expect((await get("/datasets", cookie)).status).toBe(307);
    expect((await get("/api/jobs", cookie)).status).toBe(401);
  });

  it("holds a session signed in with a generated (one-time) password on /account until its owner chooses their own", async () => {
    const r = await addUser({ name: "newbie", role: "curator", actor: "gatekeeper" });
    if (!r.ok) throw new Error(r.error);
    const cookie = await signIn("newbie", r.value.password);
    const page = await get("/datasets/abc", cookie);
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get("location")!).pathname).toBe("/account");
    expect((await get("/account", cookie)).headers.get("x-middleware-next")).toBe("1");
    const api = await get("/api/jobs", cookie);
    expect(api.status).toBe(403);
    expect((await api.json()).error).toMatch(/^Choose your own password first/);
    // better-auth's own endpoints stay open: that is where the password is changed (and sign-out)
    expect((await get("/api/auth/get-session", cookie)).headers.get("x-middleware-next")).toBe("1");

    const changed = await auth().handler(
      new Request(`${BASE}/api/auth/change-password`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE, cookie },
        body: JSON.stringify({
          currentPassword: r.value.password,
          newPassword: "my-own-password",
          revokeOtherSessions: true,
        }),
      }),
    );
    expect(changed.status).toBe(200);
    const fresh = changed.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect((await get("/datasets/abc", fresh)).headers.get("x-middleware-next")).toBe("1");
    // and the next sign-in, with the password they chose, is not held either
    expect(
      (await get("/datasets/abc", await signIn("newbie", "my-own-password"))).headers.get("x-middleware-next"),
    ).toBe("1");
  });

  it("sends people back only to a path of this studio after sign-in (no open redirect)", () => {
    expect(safeNext("/datasets/x?status=todo")).toBe("/datasets/x?status=todo");
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", null])
      expect(safeNext(bad), String(bad)).toBe("/");
  });
});
