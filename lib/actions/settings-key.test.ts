import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Issue 11 §2: the model key goes only where it was saved for. Two stub servers on 127.0.0.1
// (random ports, test tools): A is where the key was saved for, B is any other server; B records
// every Authorization header it receives, and must never see the key.
vi.hoisted(() => {
  for (const k of ["MODEL_BASE_URL", "MODEL_NAME", "MODEL_API_KEY"]) delete process.env[k];
  // the trained endpoint's key comes from the environment, for the environment's URL only
  process.env.TRAINED_MODEL_BASE_URL = "http://127.0.0.1:9/v1";
  process.env.TRAINED_MODEL_API_KEY = "sk-env-trained";
  delete process.env.TRAINED_MODEL_NAME;
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/server/actor", () => ({ getActor: async () => "alice" }));

import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { prisma } from "@/lib/db";
import { forgetCachedModelConfig, resolveModelConfig } from "@/lib/model/settings";
import { saveModelEndpoint, testModelConnection } from "./settings";

let a: StubModel;
let b: StubModel;
beforeAll(async () => {
  [a, b] = await Promise.all([
    startStubModel({ models: ["good-model", "other-model"] }),
    startStubModel({ models: ["b-model"] }),
  ]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});
beforeEach(async () => {
  await prisma.setting.deleteMany();
  forgetCachedModelConfig();
});

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const saveA = () => saveModelEndpoint(null, form({ baseUrl: a.url, name: "good-model", apiKey: "sk-saved-for-a" }));
const authsAt = (s: StubModel) => s.hits().map((h) => h.authorization);

describe("Test connection sends the saved key only to the saved base URL", () => {
  it("another URL with no key typed is refused and that server receives nothing", async () => {
    expect((await saveA()).ok).toBe(true);
    const before = b.hits().length;
    const r = await testModelConnection({ baseUrl: b.url });
    expect(
      b
        .hits()
        .slice(before)
        .map((h) => h.authorization)
        .filter(Boolean),
    ).toEqual([]);
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining(`sent only to ${a.url}`) });
  });

  it("another URL with a key typed gets the typed key, never the saved one", async () => {
    await saveA();
    const r = await testModelConnection({ baseUrl: b.url, apiKey: "sk-typed-for-b", name: "b-model" });
    expect(r).toMatchObject({ ok: true, data: { connected: true } });
    expect(b.hits().at(-1)).toMatchObject({ path: "/v1/models", authorization: "Bearer sk-typed-for-b" });
    expect(authsAt(b)).not.toContain("Bearer sk-saved-for-a");
  });

  it("the saved URL (given or not, trailing slash or not) gets the saved key", async () => {
    await saveA();
    expect(await testModelConnection({})).toMatchObject({ ok: true, data: { connected: true } });
    expect(a.hits().at(-1)?.authorization).toBe("Bearer sk-saved-for-a");
    expect(await testModelConnection({ baseUrl: `${a.url}/` })).toMatchObject({ ok: true });
    expect(a.hits().at(-1)?.authorization).toBe("Bearer sk-saved-for-a");
  });

  it("an environment key goes only to the environment's URL, not to a URL saved on /settings", async () => {
    await saveModelEndpoint(null, form({ endpoint: "trained", baseUrl: b.url, name: "b-model" }));
    const cfg = await resolveModelConfig(prisma, "trained");
    const before = b.hits().length;
    const r = await testModelConnection({ endpoint: "trained" });
    expect(
      b
        .hits()
        .slice(before)
        .map((h) => h.authorization)
        .filter(Boolean),
    ).toEqual([]);
    expect(r).toMatchObject({ ok: true, data: { connected: true } });
    expect(cfg).toMatchObject({ baseUrl: b.url, apiKey: null, apiKeyFor: "http://127.0.0.1:9/v1" });
  });
});

describe("Test connection says connected only when the configured model is served", () => {
  it("a wrong model name is not connected, and the served names are listed", async () => {
    await saveModelEndpoint(null, form({ baseUrl: a.url, name: "no-such-model" }));
    const r = await testModelConnection({});
    expect(r).toMatchObject({ ok: true, data: { connected: false, models: ["good-model", "other-model"] } });
    if (r.ok) expect(r.data.text).toMatch(/"no-such-model" is not among them\. Served: good-model, other-model/);
    const typed = await testModelConnection({ name: "other-model" }); // the form's name wins over the saved one
    expect(typed).toMatchObject({ ok: true, data: { connected: true } });
  });
  it("reports status and latency, no name set -> not connected yet", async () => {
    const r = await testModelConnection({ baseUrl: a.url });
    expect(r).toMatchObject({ ok: true, data: { connected: false, status: 200, latencyMs: expect.any(Number) } });
    if (r.ok) expect(r.data.text).toContain("no model name is set");
  });
});

describe("Test connection never echoes a response body", () => {
  let server: Server;
  let url = "";
  const SECRET = "internal-admin-page-SECRET-TOKEN-123";
  beforeAll(async () => {
    server = createServer((req, res) => {
      const status = req.url?.startsWith("/err/") ? 500 : req.url?.startsWith("/denied/") ? 401 : 200;
      res.writeHead(status, { "content-type": req.url?.startsWith("/json/") ? "application/json" : "text/html" });
      res.end(
        req.url?.startsWith("/json/") ? JSON.stringify({ error: { message: SECRET } }) : `<html>${SECRET}</html>`,
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each(["err", "denied", "html", "json"])("a /%s/ page: status only", async (kind) => {
    const r = await testModelConnection({ baseUrl: `${url}/${kind}`, name: "m" });
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(r).toMatchObject({ ok: true, data: { connected: false } });
    if (r.ok) expect(r.data.text).toMatch(/answered HTTP (500|401|200) in \d+ ms/);
  });
});

describe("saving another base URL does not carry the saved key to it", () => {
  it("keeping the key for a new URL is refused; typing a key or forgetting it saves", async () => {
    await saveA();
    const moved = await saveModelEndpoint(null, form({ baseUrl: b.url, name: "b-model" }));
    expect(moved).toMatchObject({
      ok: false,
      fieldErrors: { apiKey: [expect.stringContaining(`belongs to ${a.url}`)] },
    });
    expect(await resolveModelConfig()).toMatchObject({ baseUrl: a.url, apiKey: "sk-saved-for-a" }); // nothing written

    expect((await saveModelEndpoint(null, form({ baseUrl: a.url, name: "good-model" }))).ok).toBe(true); // same URL keeps it
    expect((await resolveModelConfig()).apiKey).toBe("sk-saved-for-a");

    expect((await saveModelEndpoint(null, form({ baseUrl: b.url, name: "b-model", clearApiKey: "on" }))).ok).toBe(true);
    expect(await resolveModelConfig()).toMatchObject({ baseUrl: b.url, apiKey: null });

    expect((await saveModelEndpoint(null, form({ baseUrl: b.url, name: "b-model", apiKey: "sk-for-b" }))).ok).toBe(
      true,
    );
    expect(await resolveModelConfig()).toMatchObject({ baseUrl: b.url, apiKey: "sk-for-b", apiKeyFor: b.url });
  });

  it("a base URL changed behind the form's back (a direct Setting write) gets no key", async () => {
    await saveA();
    await prisma.setting.update({ where: { key: "model.baseUrl" }, data: { value: b.url } });
    forgetCachedModelConfig();
    expect(await resolveModelConfig()).toMatchObject({ baseUrl: b.url, apiKey: null, apiKeyFor: a.url });
  });
});
