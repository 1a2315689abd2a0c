import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { AuthError, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/core/roles";
import { roleAtLeast } from "@/lib/core/roles";

// The action asks requireRole("curator") and writes as that actor. The auth contract is mocked
// with a role per test (its real body is the auth engineer's).
let me: Actor = { name: "cara", role: "curator", userId: null };
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor", async (orig) => ({
  ...(await orig<typeof import("@/lib/auth/actor")>()),
  requireRole: async (min: Role) => {
    if (!roleAtLeast(me.role, min)) throw new AuthError(403, `This needs the ${min} role; you are ${me.role}`);
    return me;
  },
}));
const { setFinalLabelAction } = await import("./adjudicate");

async function makeTrace() {
  const ds = await prisma.dataset.create({ data: { name: `adj-${randomUUID()}` } });
  const p = await prisma.problem.create({
    data: { datasetId: ds.id, statement: "q", answer: "1", contentHash: sha256(randomUUID()) },
  });
  return prisma.trace.create({
    data: { datasetId: ds.id, problemId: p.id, text: "a\n\nb", stepCount: 2, contentHash: sha256(randomUUID()) },
  });
}

describe("setFinalLabelAction", () => {
  beforeEach(() => {
    me = { name: "cara", role: "curator", userId: null };
  });

  it("a curator sets the final label, written under the curator's name", async () => {
    const t = await makeTrace();
    const r = await setFinalLabelAction({ traceId: t.id, step: 2, expectedVersion: null });
    expect(r).toEqual({ ok: true, data: { step: 2, version: 0 } });
    const ev = await prisma.auditEvent.findFirstOrThrow({ where: { traceId: t.id, action: "label.final" } });
    expect(ev.actor).toBe("cara");
  });

  it("an annotator is refused and nothing is written", async () => {
    me = { name: "ann", role: "annotator", userId: null };
    const t = await makeTrace();
    const r = await setFinalLabelAction({ traceId: t.id, step: 1, expectedVersion: null });
    expect(r).toMatchObject({ ok: false, error: "Refused: This needs the curator role; you are annotator." });
    expect(await prisma.firstErrorLabel.count({ where: { traceId: t.id } })).toBe(0);
  });

  it("refuses malformed input with field errors", async () => {
    const r = await setFinalLabelAction({ traceId: "x", step: 0, expectedVersion: null });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fieldErrors?.step).toBeDefined();
  });
});
