import { describe, expect, it, vi } from "vitest";

// Every settings change is one AuditEvent written through lib/data/audit.ts (issue 15 §1):
// the turn-1 mode (with the value it replaced) and prompt template versions / activations.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/server/actor", () => ({ getActor: async () => "carol" }));

import { prisma } from "@/lib/db";
import { saveTurn1Mode } from "./propose-settings";
import { activateTemplate, saveTemplate } from "./settings";

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const after = (s: string | null) => (s === null ? null : JSON.parse(s));

describe("settings audit trail", () => {
  it("the turn-1 mode: the value and its event, each change naming what it replaced", async () => {
    expect((await saveTurn1Mode(null, form({ turn1: "independent" }))).ok).toBe(true);
    expect((await saveTurn1Mode(null, form({ turn1: "shared" }))).ok).toBe(true);
    const evs = await prisma.auditEvent.findMany({
      where: { action: "settings.propose" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(evs.map((e) => [e.actor, e.entity, e.traceId, after(e.before), after(e.after)])).toEqual([
      ["carol", "Setting", null, null, "independent"],
      ["carol", "Setting", null, "independent", "shared"],
    ]);
    expect(await prisma.setting.findUnique({ where: { key: evs[0].entityId } })).toMatchObject({ value: "shared" });
  });

  it("a new template version and its activation are audited with name, version and hash", async () => {
    const r = await saveTemplate(null, form({ turn1: "Solve {{problem}}", turn2: "Check {{attempt}} for audit test" }));
    if (!r.ok) throw new Error(r.error);
    const made = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "template.version" },
      orderBy: { createdAt: "desc" },
    });
    expect(made).toMatchObject({ actor: "carol", entity: "PromptTemplate", before: null });
    expect(after(made.after)).toMatchObject({ version: r.data.version });
    expect((await activateTemplate(made.entityId)).ok).toBe(true);
    const act = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "template.activate", entityId: made.entityId },
    });
    expect(after(act.after)).toEqual(after(made.after));
  });
});
