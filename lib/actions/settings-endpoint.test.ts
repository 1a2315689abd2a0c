import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  for (const k of ["MODEL_BASE_URL", "MODEL_NAME", "TRAINED_MODEL_BASE_URL", "TRAINED_MODEL_NAME"])
    delete process.env[k];
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/server/actor", () => ({ getActor: async () => "alice" }));

import { prisma } from "@/lib/db";
import { saveModelEndpoint } from "./settings";
import { modelStatus } from "@/lib/model/settings";

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};

describe("saveModelEndpoint per endpoint", () => {
  it("the trained form writes only trained.* rows, audits settings.trained, never stores the key in the audit", async () => {
    const r = await saveModelEndpoint(
      null,
      form({
        endpoint: "trained",
        baseUrl: "http://127.0.0.1:8001/v1",
        name: "int-sft",
        apiKey: "sk-secret",
        timeoutMs: "9000",
        concurrency: "3",
      }),
    );
    expect(r.ok).toBe(true);
    const rows = await prisma.setting.findMany({ orderBy: { key: "asc" } });
    expect(rows.map((x) => [x.key, x.value])).toEqual([
      ["trained.apiKey", "sk-secret"],
      ["trained.apiKeyUrl", "http://127.0.0.1:8001/v1"],
      ["trained.baseUrl", "http://127.0.0.1:8001/v1"],
      ["trained.name", "int-sft"],
      ["trained.timeoutMs", "9000"],
    ]);
    expect(await modelStatus(prisma, "trained")).toMatchObject({ configured: true, name: "int-sft" });
    expect((await modelStatus()).configured).toBe(false);
    const ev = await prisma.auditEvent.findFirstOrThrow({ where: { action: "settings.trained" } });
    expect(ev).toMatchObject({ actor: "alice", entity: "Setting", entityId: "trained" });
    expect(ev.after).not.toContain("sk-secret");
    expect(JSON.parse(ev.after!)).toMatchObject({ "trained.apiKey": "(set)", "trained.name": "int-sft" });
  });

  it("the base form (no endpoint field) still writes model.* and settings.model; a bad endpoint id is refused", async () => {
    expect((await saveModelEndpoint(null, form({ baseUrl: "http://127.0.0.1:8000/v1", name: "base" }))).ok).toBe(true);
    expect(await prisma.setting.findUnique({ where: { key: "model.name" } })).toMatchObject({ value: "base" });
    expect(await prisma.auditEvent.count({ where: { action: "settings.model", entityId: "model" } })).toBe(1);
    expect(await modelStatus(prisma, "trained")).toMatchObject({ name: "int-sft" });
    const bad = await saveModelEndpoint(null, form({ endpoint: "other", baseUrl: "", name: "" }));
    expect(bad.ok).toBe(false);
  });
});
