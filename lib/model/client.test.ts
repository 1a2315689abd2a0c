import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStubModel, type StubModel } from "@/e2e/stub-model/server";
import { RetryableError } from "@/lib/jobs/types";
import { chatComplete, listModels } from "./client";
import { ModelError, RetryableModelError } from "./errors";
import { DEFAULT_SAMPLING } from "./sampling";

let stub: StubModel;
beforeAll(async () => {
  stub = await startStubModel();
});
afterAll(() => stub.close());

const msgs = [{ role: "user" as const, content: "hi" }];
const call = (timeoutMs = 5_000) => chatComplete({ baseUrl: stub.url, timeoutMs }, "m", msgs, DEFAULT_SAMPLING);
async function caught(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as Error & { kind?: string; status?: number; retryable?: boolean };
  }
  throw new Error("expected a failure");
}

describe("model client against the stub server", () => {
  it("sends the paper's sampling and vLLM extras in the body", async () => {
    stub.setScript({ queue: [{ kind: "text", text: "hello" }] });
    const r = await chatComplete({ baseUrl: stub.url }, "m", msgs, DEFAULT_SAMPLING, {
      extraBody: { continue_final_message: true, add_generation_prompt: false },
    });
    expect(r.text).toBe("hello");
    const body = stub.requests().at(-1)!.body;
    expect(body).toMatchObject({
      model: "m",
      temperature: 0.7,
      top_p: 0.8,
      top_k: 20,
      max_tokens: 16384,
      continue_final_message: true,
      add_generation_prompt: false,
    });
  });
  it("lists the server's models", async () => {
    stub.setScript({ models: ["a", "b"] });
    expect(await listModels({ baseUrl: stub.url })).toEqual(["a", "b"]);
  });
  it("HTTP 500 is a retryable http error", async () => {
    stub.setScript({ queue: [{ kind: "status", status: 500 }] });
    const e = await caught(call());
    expect(e).toBeInstanceOf(RetryableError);
    expect(e).toBeInstanceOf(RetryableModelError);
    expect(e).toMatchObject({ kind: "http", status: 500, retryable: true });
  });
  it("HTTP 429 is retryable and carries retry-after", async () => {
    stub.setScript({ queue: [{ kind: "status", status: 429, retryAfterS: 2 }] });
    const e = (await caught(call())) as RetryableModelError;
    expect(e.retryAfterMs).toBe(2000);
  });
  it("HTTP 400 is not retryable", async () => {
    stub.setScript({ queue: [{ kind: "status", status: 400 }] });
    const e = await caught(call());
    expect(e).toBeInstanceOf(ModelError);
    expect(e).toMatchObject({ kind: "http", status: 400, retryable: false });
  });
  it("a dropped connection is unreachable and retryable", async () => {
    stub.setScript({ queue: [{ kind: "drop" }] });
    const e = await caught(call());
    expect(e).toMatchObject({ kind: "unreachable", retryable: true });
  });
  it("a slow response becomes a timeout", async () => {
    stub.setScript({ queue: [{ kind: "text", text: "late", delayMs: 1500 }] });
    const e = await caught(call(300));
    expect(e).toMatchObject({ kind: "timeout", retryable: true });
  });
  it("a 200 with garbage is a non-retryable bad-response", async () => {
    stub.setScript({ queue: [{ kind: "garbage", body: '{"choices": []}' }] });
    const e = await caught(call());
    expect(e).toMatchObject({ kind: "bad-response", retryable: false });
  });
  it("a closed port is unreachable", async () => {
    const other = await startStubModel();
    await other.close();
    const e = await caught(chatComplete({ baseUrl: other.url }, "m", msgs, DEFAULT_SAMPLING));
    expect(e).toMatchObject({ kind: "unreachable", retryable: true });
    expect(e.message).toContain(other.url);
  });
  it("the stub is scriptable over HTTP (for Playwright) and by rule", async () => {
    const res = await fetch(`http://127.0.0.1:${stub.port}/__stub/script`, {
      method: "POST",
      body: JSON.stringify({
        rules: [{ match: "special", reply: { kind: "text", text: "ruled" } }],
        fallback: { kind: "text", text: "plain" },
      }),
    });
    expect(res.ok).toBe(true);
    expect(
      (await chatComplete({ baseUrl: stub.url }, "m", [{ role: "user", content: "a special trace" }], DEFAULT_SAMPLING))
        .text,
    ).toBe("ruled");
    expect((await call()).text).toBe("plain");
    const log = (await (await fetch(`http://127.0.0.1:${stub.port}/__stub/requests`)).json()) as { count: number };
    expect(log.count).toBe(stub.count());
  });
});
