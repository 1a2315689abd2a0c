import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { AuthError, type Actor } from "@/lib/auth/actor";
import { roleAtLeast, type Role } from "@/lib/core/roles";
import { queueDataset } from "@/test-support/queue-fixture";
import { createQueue } from "@/lib/data/queues";
import { decideIntervention } from "@/lib/data/interventions";

// A review queue item is worked by a curator (accept / edit / reject is the curator's role) and is done when every
// intervention on it is decided. The auth contract is mocked with a role per test.
let me: Actor = { name: "rev", role: "curator", userId: null };
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor", async (orig) => ({
  ...(await orig<typeof import("@/lib/auth/actor")>()),
  requireRole: async (min: Role) => {
    if (!roleAtLeast(me.role, min)) throw new AuthError(403, `This needs the ${min} role; you are ${me.role}`);
    return me;
  },
}));
const { completeQueueItem, startQueue } = await import("./queues");

async function reviewQueue() {
  const { datasetId, traceIds } = await queueDataset(1);
  const iv = await prisma.intervention.create({
    data: { traceId: traceIds[0], location: 2, content: "x", origin: "model", contentHash: sha256(randomUUID()) },
  });
  const q = await createQueue(datasetId, { name: "rev", task: "review", overlap: 1 }, "cur");
  if (!q.ok) throw new Error(q.error);
  return { queueId: q.id, traceId: traceIds[0], iv };
}

describe("review queue actions", () => {
  it("an annotator cannot take a review item: reviewing is the curator's", async () => {
    const { queueId } = await reviewQueue();
    me = { name: "ann", role: "annotator", userId: null };
    expect(await startQueue({ queueId })).toEqual({
      ok: false,
      error: "Reviewing interventions needs the curator role",
    });
  });

  it("Done is refused while an intervention is still proposed, and accepted once each is decided", async () => {
    const { queueId, traceId, iv } = await reviewQueue();
    me = { name: "rev", role: "curator", userId: null };
    expect(await startQueue({ queueId })).toEqual({ ok: true, data: { next: `/queues/${queueId}/items/${traceId}` } });
    expect(await completeQueueItem({ queueId, traceId })).toMatchObject({
      ok: false,
      error: expect.stringContaining("Decide every intervention first: 1 still proposed"),
    });
    const d = await decideIntervention({ id: iv.id, expectedVersion: iv.version, decision: "reject", actor: "rev" });
    expect(d.ok).toBe(true);
    expect(await completeQueueItem({ queueId, traceId })).toEqual({
      ok: true,
      data: { next: `/queues/${queueId}/done` },
    });
    expect(await prisma.queueCompletion.count({ where: { queueId, annotator: "rev" } })).toBe(1);
  });
});
