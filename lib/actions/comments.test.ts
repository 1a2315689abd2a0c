import { beforeEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import type { Role } from "@/lib/core/roles";

// The comment actions check the role on the server (requireRole("annotator")): a viewer is
// refused, an anonymous request too, and the name written is the actor's, never the input's.
let who: { name: string; role: Role } | null = null;
vi.mock("@/lib/auth/actor", async (orig) => {
  const real = await orig<typeof import("@/lib/auth/actor")>();
  return {
    ...real,
    currentActor: async () => (who ? { ...who, userId: null } : null),
    requireRole: async (min: Role) => {
      const { roleAtLeast } = await import("@/lib/core/roles");
      if (!who) throw new real.AuthError(401, "Sign in first");
      if (!roleAtLeast(who.role, min)) throw new real.AuthError(403, `This needs the ${min} role; you are ${who.role}`);
      return { ...who, userId: null };
    },
  };
});

const { writeComment, editCommentText, resolveComment } = await import("./comments");

async function trace() {
  const ds = await prisma.dataset.create({ data: { name: `c-actions-${randomUUID()}` } });
  const p = await prisma.problem.create({
    data: { datasetId: ds.id, statement: "P", referenceSolution: "R", answer: "1", contentHash: sha256(ds.id) },
  });
  return prisma.trace.create({
    data: { datasetId: ds.id, problemId: p.id, text: "a\n\nb", stepCount: 2, contentHash: sha256("a\n\nb") },
  });
}

describe("comment actions", () => {
  beforeEach(() => {
    who = null;
  });

  it("refuse a viewer and an anonymous request; write as the signed-in annotator", async () => {
    const t = await trace();
    who = { name: "vera", role: "viewer" };
    expect(await writeComment({ traceId: t.id, body: "hi" })).toMatchObject({
      ok: false,
      error: "Refused: This needs the annotator role; you are viewer.",
    });
    who = null;
    expect(await writeComment({ traceId: t.id, body: "hi" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Sign in first/),
    });
    expect(await prisma.comment.count({ where: { traceId: t.id } })).toBe(0);

    who = { name: "ann", role: "annotator" };
    const r = await writeComment({ traceId: t.id, step: 2, body: "hi", author: "mallory" } as never);
    expect(r.ok && r.data.comment).toMatchObject({ author: "ann", step: 2 });
    if (!r.ok) return;
    who = { name: "vera", role: "viewer" };
    expect((await resolveComment({ id: r.data.comment.id, expectedVersion: 0 })).ok).toBe(false);
    expect((await editCommentText({ id: r.data.comment.id, expectedVersion: 0, body: "x" })).ok).toBe(false);
  });

  it("validates input with zod, naming the field", async () => {
    who = { name: "ann", role: "annotator" };
    const r = await writeComment({ traceId: "t", step: 0, body: "x".repeat(10_001) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["body", "step"]);
    expect(r.error).toMatch(/^Invalid input: .*body/);
    expect(r.fieldErrors?.body?.[0]).toMatch(/At most 10,000 characters/);
  });
});
