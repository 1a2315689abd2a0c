// `npm run int -- user ...` and `--as NAME`: the CLI acts as a named user, recorded in the audit trail.
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { cliActor, takeAsFlag } from "@/lib/cli/cli-actor";
import { run } from "./user";

describe("user command", () => {
  it("adds, lists, changes the role and disables, each audited under the --as name", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const as = takeAsFlag(["add", "Zed", "--as", "lab-admin", "--role", "admin"]);
    expect(as).toEqual({ ok: true, rest: ["add", "Zed", "--role", "admin"] });
    expect(cliActor()).toBe("lab-admin");
    expect(await run(["add", "Zed", "--role", "admin"])).toBe(0);
    expect(out.mock.calls.map((c) => String(c[0])).join("")).toMatch(
      /added Zed \(admin\)\none-time password \(shown once; hand it over privately\): \S{20}\n/,
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
