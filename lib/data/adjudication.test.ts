import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { AuthError, type Actor } from "@/lib/auth/actor";
import { roleAtLeast, type Role } from "@/lib/core/roles";
import { getAdjudication } from "./adjudication";

// What the adjudicate panel reads, and its route's role check (it shows everyone's labels, so
// an annotator working blind must not read it). The auth contract is mocked with a role per test.
let me: Actor = { name: "cara", role: "curator", userId: null };
vi.mock("@/lib/auth/actor", async (orig) => ({
  ...(await orig<typeof import("@/lib/auth/actor")>()),
  requireRole: async (min: Role) => {
    if (!roleAtLeast(me.role, min)) throw new AuthError(403, `This needs the ${min} role; you are ${me.role}`);
    return me;
  },
}));
const { GET } = await import("@/app/api/traces/[traceId]/adjudication/route");

async function labelledTrace() {
  const ds = await prisma.dataset.create({ data: { name: `adjr-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "q", answer: "1", contentHash: sha256(randomUUID()) } });
  const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "a\n\nb <script>x</script>\n\nc", stepCount: 3, contentHash: sha256(randomUUID()) } });
  await prisma.firstErrorLabel.createMany({
    data: [
      { traceId: t.id, source: "model", annotator: "qwen", step: 1 },
      { traceId: t.id, source: "human", annotator: "bob", step: 3, checkFactual: true, note: "sum is off", unsure: true },
      { traceId: t.id, source: "imported", annotator: "pb", step: null },
      { traceId: t.id, source: "human", annotator: "ada", step: 2 },
      { traceId: t.id, source: "final", annotator: "", step: 3, version: 4 },
    ],
  });
  return t;
}

const call = (traceId: string) => GET(new Request("http://x"), { params: Promise.resolve({ traceId }) });

describe("adjudication read", () => {
  it("every label, people first, with checks, flags and note; the final label apart with its version; steps byte-exact", async () => {
    const t = await labelledTrace();
    const a = (await getAdjudication(t.id))!;
    expect(a.steps).toEqual(["a", "b <script>x</script>", "c"]);
    expect(a.labels.map((l) => [l.source, l.annotator, l.step])).toEqual([["human", "ada", 2], ["human", "bob", 3], ["model", "qwen", 1], ["imported", "pb", null]]);
    expect(a.labels[1]).toMatchObject({ checkFactual: true, note: "sum is off", unsure: true });
    expect(a.final).toMatchObject({ step: 3, version: 4 });
  });

  it("the route serves curators and refuses an annotator (403) and a missing trace (404)", async () => {
    const t = await labelledTrace();
    me = { name: "cara", role: "curator", userId: null };
    expect((await call(t.id)).status).toBe(200);
    me = { name: "ann", role: "annotator", userId: null };
    const refused = await call(t.id);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ ok: false, error: "This needs the curator role; you are annotator" });
    me = { name: "cara", role: "curator", userId: null };
    expect((await call("missing")).status).toBe(404);
  });
});
