// defineAction (issue 15 §2): role first, then zod, then the body; unexpected errors come back as one logged line
// instead of escaping (the client then showed "the server did not answer").
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

const who = vi.hoisted(() => ({ role: "viewer" as string | null }));
vi.mock("@/lib/auth/actor", async () => {
  const { roleAtLeast } = await import("@/lib/core/roles");
  class AuthError extends Error {
    constructor(
      readonly status: 401 | 403,
      message: string,
    ) {
      super(message);
    }
  }
  return {
    AuthError,
    requireRole: async (min: "viewer" | "annotator" | "curator" | "admin") => {
      if (!who.role) throw new AuthError(401, "Sign in first");
      if (!roleAtLeast(who.role as "viewer", min))
        throw new AuthError(403, `This needs the ${min} role; you are ${who.role}`);
      return { name: "ann", role: who.role, userId: "u1" };
    },
  };
});
const { defineAction } = await import("./define-action");
const { ok } = await import("./result");

const Input = z.object({ traceId: z.string().min(1), step: z.number().int().min(1) });

describe("defineAction", () => {
  it("checks the role before reading the input, then validates, then runs with the actor", async () => {
    const body = vi.fn(async (i: z.output<typeof Input>, a: { name: string }) =>
      ok(`${a.name}:${i.traceId}:${i.step}`),
    );
    const act = defineAction(Input, { role: "annotator", name: "t" }, body);
    who.role = null;
    expect(await act({ traceId: "", step: 0 })).toEqual({
      ok: false,
      error: "Sign in first: you are not signed in (or your session ended).",
    });
    who.role = "viewer";
    expect(await act({ traceId: "", step: 0 })).toEqual({
      ok: false,
      error: "Refused: This needs the annotator role; you are viewer.",
    });
    who.role = "annotator";
    expect(await act({ traceId: "", step: 0 })).toMatchObject({ ok: false, error: "Invalid input: traceId, step" });
    expect(body).not.toHaveBeenCalled();
    expect(await act({ traceId: "t1", step: 2 })).toEqual({ ok: true, data: "ann:t1:2" });
  });

  it("turns an unexpected error into a logged one-line failure naming the action, with its input", async () => {
    who.role = "admin";
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const act = defineAction(Input, { role: "annotator", name: "saveLabel" }, async () => {
      throw new Error("SQLITE_BUSY: database is locked");
    });
    expect(await act({ traceId: "t1", step: 1 })).toEqual({
      ok: false,
      error: "The server failed (saveLabel); see its log and try again.",
    });
    expect(log).toHaveBeenCalledWith(
      "[action saveLabel] failed",
      { actor: "ann", input: { traceId: "t1", step: 1 } },
      expect.any(Error),
    );
    log.mockRestore();
  });

  it("takes positional arguments with a tuple schema", async () => {
    who.role = "admin";
    const act = defineAction(
      z.tuple([z.string(), z.string().max(3)]),
      { role: "admin", name: "rename" },
      async ([a, b]) => ok(a + b),
    );
    expect(await act("x", "yz")).toEqual({ ok: true, data: "xyz" });
    expect(await act("x", "long")).toMatchObject({ ok: false, error: expect.stringMatching(/at most 3|<=3|too big/i) });
  });
});
