import { describe, expect, it, vi } from "vitest";

// The env is read once per process (lib/env.ts): set it before anything imports it.
vi.hoisted(() => {
  for (const k of ["MODEL_BASE_URL", "MODEL_NAME", "MODEL_API_KEY"]) delete process.env[k];
  process.env.TRAINED_MODEL_BASE_URL = "http://127.0.0.1:8001/v1/";
  process.env.TRAINED_MODEL_NAME = "env-trained";
  process.env.TRAINED_MODEL_API_KEY = "env-key";
});

import { prisma } from "@/lib/db";
import {
  cachedModelConfig,
  modelStatus,
  notConfiguredReason,
  readModelSettings,
  resolveModelConfig,
  writeModelSettings,
} from "./settings";

describe("model endpoints: base and trained, env vs settings", () => {
  it("each endpoint reads its own env vars; the base one ignores TRAINED_MODEL_*", async () => {
    const base = await resolveModelConfig();
    expect(base).toMatchObject({
      endpoint: "model",
      baseUrl: null,
      name: null,
      apiKey: null,
      source: { baseUrl: "none", name: "none" },
    });
    const st = await modelStatus();
    expect(st.configured).toBe(false);
    if (!st.configured) expect(st.reason).toContain("MODEL_BASE_URL");

    const t = await resolveModelConfig(prisma, "trained");
    expect(t).toMatchObject({
      endpoint: "trained",
      baseUrl: "http://127.0.0.1:8001/v1",
      name: "env-trained",
      apiKey: "env-key",
      source: { baseUrl: "env", name: "env" },
    });
    expect(await modelStatus(prisma, "trained")).toMatchObject({
      configured: true,
      endpoint: "trained",
      name: "env-trained",
      baseUrl: "http://127.0.0.1:8001/v1",
    });
  });

  it("saved values override env per endpoint; empty saved values fall back to env; keys do not leak across", async () => {
    // (issue 11 §2: the env key belongs to the env URL, so a URL saved on /settings does not get it)
    await writeModelSettings(
      { baseUrl: "http://127.0.0.1:9000/v1", name: "saved-trained", timeoutMs: "5000" },
      prisma,
      "trained",
    );
    expect(await prisma.setting.findUnique({ where: { key: "trained.name" } })).toMatchObject({
      value: "saved-trained",
    });
    expect(await prisma.setting.findUnique({ where: { key: "model.name" } })).toBeNull();

    const t = await resolveModelConfig(prisma, "trained");
    expect(t).toMatchObject({
      baseUrl: "http://127.0.0.1:9000/v1",
      name: "saved-trained",
      apiKey: null,
      apiKeyFor: "http://127.0.0.1:8001/v1",
      timeoutMs: 5000,
      source: { baseUrl: "settings", name: "settings" },
    });
    expect(await readModelSettings(prisma, "trained")).toEqual({
      baseUrl: "http://127.0.0.1:9000/v1",
      name: "saved-trained",
      timeoutMs: "5000",
    });
    expect(await readModelSettings()).toEqual({});
    expect((await resolveModelConfig()).name).toBeNull();

    await writeModelSettings({ name: "" }, prisma, "trained");
    expect(await resolveModelConfig(prisma, "trained")).toMatchObject({ name: "env-trained", source: { name: "env" } });

    await writeModelSettings({ baseUrl: "http://127.0.0.1:7000/v1", name: "base-saved" });
    expect(await modelStatus()).toMatchObject({ configured: true, endpoint: "model", name: "base-saved" });
    expect((await resolveModelConfig(prisma, "trained")).baseUrl).toBe("http://127.0.0.1:9000/v1");
  });

  it("the not-configured reason names the endpoint's env vars and /settings section", () => {
    expect(notConfiguredReason({ endpoint: "trained", baseUrl: "http://x/v1", name: null })).toMatch(
      /TRAINED_MODEL_NAME.*"Trained model" on \/settings/,
    );
    expect(notConfiguredReason({ endpoint: "trained", baseUrl: null, name: null })).toMatch(
      /TRAINED_MODEL_BASE_URL=.*TRAINED_MODEL_NAME/,
    );
    expect(notConfiguredReason({ endpoint: "model", baseUrl: null, name: null })).toMatch(/MODEL_BASE_URL=/);
    expect(notConfiguredReason({ endpoint: "model", baseUrl: null, name: null })).not.toMatch(/TRAINED/);
    expect(notConfiguredReason({ endpoint: "model", baseUrl: "http://x/v1", name: "m" })).toBeNull();
  });

  it("cachedModelConfig keeps one entry per endpoint and forgets it on write", async () => {
    await writeModelSettings({ name: "cache-a" }, prisma, "trained");
    await writeModelSettings({ name: "cache-base" });
    const [t, b] = await Promise.all([cachedModelConfig("trained", 60_000), cachedModelConfig("model", 60_000)]);
    expect([t.name, b.name]).toEqual(["cache-a", "cache-base"]);
    await prisma.setting.update({ where: { key: "trained.name" }, data: { value: "cache-b" } }); // behind its back
    expect((await cachedModelConfig("trained", 60_000)).name).toBe("cache-a");
    await writeModelSettings({ name: "cache-c" }, prisma, "trained");
    expect((await cachedModelConfig("trained", 60_000)).name).toBe("cache-c");
    expect((await cachedModelConfig("model", 60_000)).name).toBe("cache-base");
  });
});
