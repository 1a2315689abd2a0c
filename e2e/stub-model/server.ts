import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { autoReply, type StubReply, type StubRequest } from "./replies";
import { completionReply, type PromptLogprobsMode } from "./completions";

// A stub OpenAI-compatible server for tests and the benchmark ONLY (never offered as a model).
// Real HTTP on 127.0.0.1 (random port): GET /v1/models, POST /v1/chat/completions, and
// POST /v1/completions with vLLM's prompt_logprobs (./completions.ts; fake, deterministic).
// Scripted per test, in process (setScript) or over HTTP (POST /__stub/script with the same JSON,
// minus functions), which is how Playwright drives a stub started by another process.
//   queue    replies used in order, one per chat request, before anything else
//   rules    [{ match, reply }]: the first rule whose `match` occurs in the last message answers
//   respond  in-process function (req) => StubReply | undefined
//   fallback the reply when nothing above answered (default: { kind: "auto" })
//   latencyMs a fixed delay added to every chat request (benchmark)
//   promptLogprobs  /v1/completions: "on" (default), "off" (answer without them), "reject" (HTTP 400)
// Every request to /v1/* is also noted in hits(): method, path and its Authorization header, so a
// test can prove a key never reached a server.

export type StubRule = { match: string; reply: StubReply; times?: number };
export type StubScript = {
  models?: string[];
  latencyMs?: number;
  queue?: StubReply[];
  rules?: StubRule[];
  fallback?: StubReply;
  respond?: (req: StubRequest) => StubReply | undefined;
  promptLogprobs?: PromptLogprobsMode;
  /** in-process: the logprob of token `id` at prompt position `i` (default: fakeLogprob) */
  logprobOf?: (id: number, i: number) => number;
};
export type StubHit = { method: string; path: string; authorization: string | null };
export type StubModel = {
  url: string; // base URL to use as MODEL_BASE_URL (ends in /v1)
  port: number;
  setScript(s: StubScript): void;
  requests(): StubRequest[];
  hits(): StubHit[];
  count(): number;
  /** chat prompt and completion tokens so far, as the stub's usage reported them */
  tokens(): { prompt: number; completion: number };
  close(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export async function startStubModel(
  initial: StubScript = {},
  opts: { port?: number; keepRequests?: number } = {},
): Promise<StubModel> {
  let script: StubScript = { ...initial, queue: [...(initial.queue ?? [])], rules: [...(initial.rules ?? [])] };
  const log: StubRequest[] = [];
  const hits: StubHit[] = [];
  const keep = opts.keepRequests ?? 2000;
  let n = 0;
  // chat tokens the stub "processed" and "generated" (usage counts: 4 characters a token)
  const tokens = { prompt: 0, completion: 0 };

  const pick = (r: StubRequest): StubReply => {
    if (script.queue?.length) return script.queue.shift() as StubReply;
    const last = r.messages[r.messages.length - 1]?.content ?? "";
    const rule = script.rules?.find((x) => (x.times === undefined || x.times > 0) && last.includes(x.match));
    if (rule) {
      if (rule.times !== undefined) rule.times--;
      return rule.reply;
    }
    return script.respond?.(r) ?? script.fallback ?? { kind: "auto" };
  };

  /** The request's JSON body, or null after answering 400. */
  async function jsonBody(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | null> {
    try {
      return JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      json(res, 400, { error: { message: "invalid JSON body" } });
      return null;
    }
  }

  async function chat(req: IncomingMessage, res: ServerResponse) {
    const body = await jsonBody(req, res);
    if (!body) return;
    const r: StubRequest = {
      index: n++,
      path: req.url ?? "",
      body,
      messages: (body.messages as StubRequest["messages"]) ?? [],
    };
    log.push(r);
    if (log.length > keep) log.shift();
    const reply = pick(r);
    const delay = (script.latencyMs ?? 0) + (reply.delayMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (res.destroyed) return;
    switch (reply.kind) {
      case "drop":
        req.socket.destroy();
        return;
      case "status":
        return json(
          res,
          reply.status,
          reply.body ?? { error: { message: `stub HTTP ${reply.status}` } },
          reply.retryAfterS ? { "retry-after": String(reply.retryAfterS) } : {},
        );
      case "garbage":
        res.writeHead(200, { "content-type": reply.contentType ?? "application/json" });
        return res.end(reply.body);
      case "stall": // the socket stays open until the client gives up (or close())
        res.writeHead(200, { "content-type": "application/json" });
        res.write(
          '{"id":"stub-stall","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"half',
        );
        return;
      default: {
        // `n` samples share the prompt (vLLM/OpenAI): the first reply decides the request, each
        // further choice takes the next scripted reply (a non-text one counts as "auto")
        const n = Number.isInteger(body.n) && (body.n as number) > 1 ? (body.n as number) : 1;
        const replies = [reply, ...Array.from({ length: n - 1 }, () => pick(r))];
        const choices = replies.map((x, index) => {
          const text = x.kind === "text" ? x.text : autoReply(r, x.kind === "auto" ? x : { kind: "auto" });
          return {
            index,
            message: { role: "assistant", content: text },
            finish_reason: x.kind === "text" ? (x.finishReason ?? "stop") : "stop",
          };
        });
        const completionTokens = choices.reduce((t, c) => t + (c.message.content.length >> 2), 0);
        const promptTokens = JSON.stringify(r.messages).length >> 2;
        tokens.prompt += promptTokens;
        tokens.completion += completionTokens;
        return json(res, 200, {
          id: `stub-${r.index}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: String(body.model ?? "stub"),
          choices,
          usage: {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
          },
        });
      }
    }
  }

  async function completions(req: IncomingMessage, res: ServerResponse) {
    const body = await jsonBody(req, res);
    if (!body) return;
    const r: StubRequest = { index: n++, path: req.url ?? "", body, messages: [] };
    log.push(r);
    if (log.length > keep) log.shift();
    if (script.latencyMs) await sleep(script.latencyMs);
    const out = completionReply(body, script.promptLogprobs ?? "on", script.logprobOf);
    return json(res, out.status, out.body);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path.startsWith("/v1/")) {
      hits.push({ method: req.method ?? "", path, authorization: req.headers.authorization ?? null });
      if (hits.length > keep) hits.shift();
    }
    const handle = async () => {
      if (req.method === "GET" && path === "/v1/models") {
        return json(res, 200, {
          object: "list",
          data: (script.models ?? ["stub-model"]).map((id) => ({ id, object: "model", created: 0, owned_by: "stub" })),
        });
      }
      if (req.method === "POST" && path === "/v1/chat/completions") return chat(req, res);
      if (req.method === "POST" && path === "/v1/completions") return completions(req, res);
      if (req.method === "POST" && path === "/__stub/script") {
        const s = JSON.parse((await readBody(req)) || "{}") as StubScript;
        script = { ...s, queue: [...(s.queue ?? [])], rules: [...(s.rules ?? [])] };
        return json(res, 200, { ok: true });
      }
      if (req.method === "GET" && path === "/__stub/requests")
        return json(res, 200, { count: n, tokens, requests: log.slice(-200), hits: hits.slice(-200) });
      json(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    };
    handle().catch((e) => {
      if (!res.headersSent) json(res, 500, { error: { message: String(e) } });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    setScript(s) {
      script = { ...s, queue: [...(s.queue ?? [])], rules: [...(s.rules ?? [])] };
    },
    requests: () => [...log],
    hits: () => [...hits],
    count: () => n,
    tokens: () => ({ ...tokens }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// `tsx e2e/stub-model/server.ts [--port N] [--latency MS]`: prints the base URL, runs until killed.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (k: string) => {
    const i = process.argv.indexOf(k);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  startStubModel({ latencyMs: arg("--latency") }, { port: arg("--port") }).then((s) => {
    process.stdout.write(`stub model listening at ${s.url}\n`);
  });
}
