// `npm run int -- user ...` and `--as NAME`: the CLI acts as a named user, recorded in the audit trail.
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { cliActor, takeAsFlag } from "@/lib/cli/cli-actor";
import { Readable } from "node:stream";
import { auth } from "@/lib/auth/auth";
import { findUser } from "@/lib/data/users";
import { run } from "./user";

describe("user command", () => {
  it("adds, lists, changes the role and disables, each audited under the --as name", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const as = takeAsFlag(["add", "Zed", "--as", "lab-admin", "--role", "admin"]);
    expect(as).toEqual({ ok: true, rest: ["add", "Zed", "--role", "admin"] });
    expect(cliActor()).toBe("lab-admin");
    expect(await run(["add", "Zed", "--role", "admin"])).toBe(0);
    expect(out.mock.calls.map((c) => String(c[0])).join("")).toMatch(
      /added Zed \(admin\)\none-time password \(shown once; hand it over privately; at the first sign-in it only lets its owner choose their own\): \S{20}\n/,
    );
    expect(await run(["add", "yan", "--role", "viewer"])).toBe(0);
    expect(await run(["role", "yan", "curator"])).toBe(0);
    expect(await run(["disable", "yan"])).toBe(0);
    out.mockClear();
    expect(await run(["list"])).toBe(0);
    expect(out.mock.calls.map((c) => String(c[0])).join("")).toMatch(
      /^yan\tcurator\tdisabled\t.*\nZed\tadmin\tactive\t/,
    );
    out.mockRestore();
    const audit = await prisma.auditEvent.findMany({
      where: { entity: "User" },
      orderBy: { createdAt: "asc" },
      select: { actor: true, action: true },
    });
    expect(audit).toEqual(
      ["user.add", "user.add", "user.role", "user.disable"].map((action) => ({ actor: "lab-admin", action })),
    );
  });

  it("enables a disabled account and sets a new password (printed once, or read from stdin), audited", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    takeAsFlag(["--as", "lab-admin"]);
    expect(await run(["add", "wes", "--role", "annotator"])).toBe(0);
    expect(await run(["disable", "wes"])).toBe(0);
    expect(await run(["enable", "wes"])).toBe(0);
    expect((await findUser("wes"))?.disabled).toBe(false);
    out.mockClear();
    expect(await run(["password", "wes"])).toBe(0);
    const printed = out.mock.calls.map((c) => String(c[0])).join("");
    expect(printed).toMatch(/^new password set for wes; their sessions have ended\none-time password .*: (\S{20})\n$/);
    const generated = /: (\S{20})\n$/.exec(printed)![1];
    const stdin = vi
      .spyOn(process, "stdin", "get")
      .mockReturnValue(Readable.from([Buffer.from("chosen-by-admin\n")]) as never);
    out.mockClear();
    expect(await run(["password", "wes", "--password-stdin"])).toBe(0);
    expect(out.mock.calls.map((c) => String(c[0])).join("")).not.toContain("one-time");
    stdin.mockRestore();
    out.mockRestore();
    const ctx = await auth().$context;
    const hash = (await ctx.internalAdapter.findCredentialAccount((await findUser("wes"))!.id))!.password!;
    expect(await ctx.password.verify({ hash, password: "chosen-by-admin" })).toBe(true);
    expect(await ctx.password.verify({ hash, password: generated })).toBe(false);
    expect(await run(["email", "wes", "wes@lab.example"])).toBe(0);
    expect(await run(["email", "wes"])).toBe(0); // back to no single sign-on
    const audit = await prisma.auditEvent.findMany({
      where: { entity: "User", action: { in: ["user.enable", "user.password", "user.email"] } },
      orderBy: { createdAt: "asc" },
      select: { actor: true, action: true },
    });
    expect(audit).toEqual(
      ["user.enable", "user.password", "user.password", "user.email", "user.email"].map((action) => ({
        actor: "lab-admin",
        action,
      })),
    );
  });

  it("refuses an unknown role and a missing --as value with usage", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await run(["add", "x1", "--role", "boss"])).toBe(2);
    expect(takeAsFlag(["list", "--as"])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/--as needs a name/),
    });
    err.mockRestore();
  });
});
